"use server";

import { notFound, redirect } from "next/navigation";
import { demoGatewayEnabled } from "@/lib/billing/card-gateway";
import { paymentWebhookSecret } from "@/lib/local-secrets";
import { declineDemoPayment } from "@/lib/services/payments/decline-demo";
import { getPaymentSession } from "@/lib/services/payments/get-session";
import { signPayload, SIGNATURE_HEADER } from "@/lib/services/payments/signature";
import { POST as paymentWebhook } from "@/app/api/payments/webhook/route";
import { actionFailure } from "../../../action-errors";
import { clientCtx } from "@/lib/services/request-context";

export type DemoPayState = { error?: string };

/**
 * "Pay" on the demo gateway: the gateway's signed `payment.succeeded` event for this session goes
 * through the payment webhook, exactly as a real gateway's delivery would. No money moves.
 */
export async function payDemoAction(externalId: string, _prev: DemoPayState, _form: FormData): Promise<DemoPayState> {
  const ctx = await clientCtx(`/pay/demo/${externalId}`);
  const secret = demoGatewayEnabled() ? paymentWebhookSecret() : undefined;
  if (!secret) notFound();
  try {
    const session = await getPaymentSession({ ctx, input: { externalId } });
    if (session.gateway !== "demo") return { error: "This is not a demo payment." };
    if (session.status === "open") {
      const body = JSON.stringify({ type: "payment.succeeded", data: { reference: session.externalId, clientId: session.clientId, amount: session.amount, currency: session.currency } });
      const answer = await paymentWebhook(new Request("http://demo-gateway.local/api/payments/webhook", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signPayload(body, secret) },
      }));
      if (!answer.ok) return { error: `The payment was not accepted (${answer.status}). Please try again.` };
    }
  } catch (error) {
    return actionFailure(error);
  }
  redirect(`/account/payments/return?session_id=${encodeURIComponent(externalId)}`);
}

export async function declineDemoAction(externalId: string, _prev: DemoPayState, _form: FormData): Promise<DemoPayState> {
  if (!demoGatewayEnabled()) notFound();
  const ctx = await clientCtx(`/pay/demo/${externalId}`);
  try {
    await declineDemoPayment({ ctx, input: { externalId } });
  } catch (error) {
    return actionFailure(error);
  }
  redirect(`/account/payments/return?session_id=${encodeURIComponent(externalId)}`);
}
