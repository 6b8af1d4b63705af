import type { Db } from "@/lib/db";
import { constructStripeEvent } from "@/lib/billing/stripe";
import { readBody } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";
import { applyStripeEvent } from "@/lib/services/payments/apply-stripe-event";

const MAX_BODY = 256 * 1024;

export type StripeWebhookDeps = { secret: string | undefined; db: () => Promise<Db> };

const failure = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

/** The body, or null when it is longer than `max` (the REST API's capped reader). */
const readCapped = (request: Request, max: number) =>
  readBody(request, max).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 413) return null;
    throw error;
  });

/**
 * Stripe's webhook: the signature (Stripe-Signature over the raw body, STRIPE_WEBHOOK_SECRET) is
 * checked by the SDK before anything else; a bad one is 400. A verified event is applied once,
 * however often Stripe delivers it.
 */
export async function handleStripeWebhook(request: Request, deps: StripeWebhookDeps): Promise<Response> {
  if (!deps.secret) return failure(503, "not_configured", "STRIPE_WEBHOOK_SECRET is not set");
  const raw = await readCapped(request, MAX_BODY);
  if (raw === null) return failure(413, "too_large", "The body is too large");
  const signature = request.headers.get("stripe-signature");
  if (!signature) return failure(400, "bad_signature", "The Stripe-Signature header is missing");
  let event;
  try {
    event = constructStripeEvent(raw, signature, deps.secret);
  } catch {
    return failure(400, "bad_signature", "The Stripe signature does not match");
  }
  try {
    const result = await applyStripeEvent({ ctx: { db: await deps.db(), actor: { type: "system" } }, input: event });
    return Response.json({ received: true, ...result });
  } catch (error) {
    // A refused event (e.g. another currency) is acknowledged, so Stripe does not retry it for days.
    if (error instanceof AppError) return Response.json({ received: true, handled: false, error: { code: error.code, message: error.message } });
    throw error;
  }
}
