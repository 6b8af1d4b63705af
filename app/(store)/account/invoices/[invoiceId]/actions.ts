"use server";

import { redirect } from "next/navigation";
import { AppError } from "@/lib/errors";
import { payOrder } from "@/lib/services/orders/pay";
import { cancelOrder } from "@/lib/services/orders/cancel";
import { payRenewalInvoice } from "@/lib/services/invoices/pay-renewal";
import type { PayState } from "@/components/store/pay-form";
import { actionFailure } from "../../../action-errors";
import { clientCtx } from "@/lib/services/request-context";

/** Pays the order of an invoice from the balance, then shows the services being set up. */
export async function payOrderAction(_prev: PayState, form: FormData): Promise<PayState> {
  const orderId = Number(form.get("orderId"));
  const ctx = await clientCtx("/account/invoices");
  try {
    await payOrder({ ctx, input: { orderId } });
  } catch (error) {
    const insufficient = error instanceof AppError && (error.details as { code?: string } | undefined)?.code === "insufficient_funds";
    return { error: actionFailure(error).error, insufficient };
  }
  redirect(`/account/services?paid=${orderId}`);
}

/** Cancels the unpaid order of an invoice: nothing was paid, so nothing moves. */
export async function cancelOrderAction(_prev: PayState, form: FormData): Promise<PayState> {
  const orderId = Number(form.get("orderId"));
  const ctx = await clientCtx("/account/invoices");
  try {
    await cancelOrder({ ctx, input: { orderId } });
  } catch (error) {
    return { error: actionFailure(error).error };
  }
  redirect(`/account/invoices?cancelled=${orderId}`);
}

/** Pays a renewal invoice from the balance: the service is renewed (and resumed when only non-payment held it). */
export async function payRenewalAction(_prev: PayState, form: FormData): Promise<PayState> {
  const invoiceId = Number(form.get("orderId")); // PayForm posts the id it is given as orderId
  const ctx = await clientCtx("/account/invoices");
  let serviceId: number;
  try {
    ({ serviceId } = await payRenewalInvoice({ ctx, input: { invoiceId } }));
  } catch (error) {
    const insufficient = error instanceof AppError && (error.details as { code?: string } | undefined)?.code === "insufficient_funds";
    return { error: actionFailure(error).error, insufficient };
  }
  redirect(`/account/services/${serviceId}`);
}
