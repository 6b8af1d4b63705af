"use server";

import { redirect } from "next/navigation";
import { startPayment } from "@/lib/services/payments/start";
import type { CardPayState } from "@/components/store/card-pay-form";
import { actionFailure } from "../../action-errors";
import { requestOrigin } from "../../origin";
import { clientCtx } from "@/lib/services/request-context";
import { parseMoney } from "@/lib/i18n/format";
import { clientCurrencyOf } from "@/lib/billing/price-list";


/** Starts a card payment (an invoice, or adding funds) and sends the browser to the gateway's page. */
export async function startPaymentAction(_prev: CardPayState, form: FormData): Promise<CardPayState> {
  const ctx = await clientCtx("/account/balance");
  const invoiceId = form.get("invoiceId") ? Number(form.get("invoiceId")) : undefined;
  // Typed in the balance's currency: "12.50" is 1250 cents, "1500" is 1500 yen.
  const amount = invoiceId === undefined ? parseMoney(String(form.get("amount") ?? ""), await clientCurrencyOf(ctx.db, ctx.clientId)) : undefined;
  if (amount !== undefined && Number.isNaN(amount)) return { fields: { amount: ["Enter an amount such as 25 or 25.50"] } };
  let url: string;
  try {
    ({ url } = await startPayment({ ctx, input: { invoiceId, amount, origin: await requestOrigin() } }));
  } catch (error) {
    return actionFailure(error);
  }
  redirect(url);
}
