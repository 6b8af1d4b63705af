"use server";

import { redirect } from "next/navigation";
import { startPayment } from "@/lib/services/payments/start";
import type { CardPayState } from "@/components/store/card-pay-form";
import { actionFailure } from "../../action-errors";
import { requestOrigin } from "../../origin";
import { clientCtx } from "@/lib/services/request-context";

/** "12.50" → 1250 minor units; NaN when it is not an amount with at most two decimals. */
function minorUnits(value: FormDataEntryValue | null): number {
  const text = String(value ?? "").trim().replace(/,/g, "");
  return /^\d{1,7}(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : NaN;
}

/** Starts a card payment (an invoice, or adding funds) and sends the browser to the gateway's page. */
export async function startPaymentAction(_prev: CardPayState, form: FormData): Promise<CardPayState> {
  const ctx = await clientCtx("/account/balance");
  const invoiceId = form.get("invoiceId") ? Number(form.get("invoiceId")) : undefined;
  const amount = invoiceId === undefined ? minorUnits(form.get("amount")) : undefined;
  if (amount !== undefined && Number.isNaN(amount)) return { fields: { amount: ["Enter an amount such as 25 or 25.50"] } };
  let url: string;
  try {
    ({ url } = await startPayment({ ctx, input: { invoiceId, amount, origin: await requestOrigin() } }));
  } catch (error) {
    return actionFailure(error);
  }
  redirect(url);
}
