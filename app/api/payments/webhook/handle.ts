import { z } from "zod";
import type { Db } from "@/lib/db";
import { AppError, ValidationError } from "@/lib/errors";
import { readBody } from "@/lib/api/body";
import { ApiError } from "@/lib/api/errors";
import { recordPayment } from "@/lib/services/payments/record";
import { SIGNATURE_HEADER, verifySignature } from "@/lib/services/payments/signature";

const MAX_BODY = 64 * 1024;

/** What the payment gateway posts; other event types are acknowledged and ignored. */
const webhookBody = z.object({ type: z.string().min(1), data: z.record(z.string(), z.unknown()).default({}) });
const MAX_ID = 2_147_483_647;
const paymentData = z.object({
  reference: z
    .string()
    .min(1)
    .max(200)
    .refine((s) => ![...s].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), "The reference has control characters"),
  clientId: z.number().int().positive().max(MAX_ID),
  amount: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  currency: z.string().regex(/^[A-Za-z]{3}$/, "A currency is a three-letter code"),
});

export type WebhookDeps = { secret: string | undefined; db: () => Promise<Db>; nowMs?: number };

const answer = (status: number, body: unknown) => Response.json(body, { status });
const failure = (status: number, code: string, message: string, details?: unknown) => answer(status, { error: { code, message, ...(details ? { details } : {}) } });
const statusOf: Record<AppError["code"], number> = { validation: 422, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409, unprocessable: 422, rate_limited: 429 };

/**
 * The payment gateway's webhook: checks the HMAC signature of the raw body before anything else,
 * then records the payment through recordPayment (idempotent by its reference).
 */
export async function handlePaymentWebhook(request: Request, deps: WebhookDeps): Promise<Response> {
  if (!deps.secret) return failure(503, "not_configured", "PAYMENT_WEBHOOK_SECRET is not set");
  let raw: string;
  try {
    // Stops reading as soon as the body passes the cap (and at once on a larger Content-Length).
    raw = await readBody(request, MAX_BODY);
  } catch (error) {
    if (error instanceof ApiError) return failure(413, "too_large", "The body is too large");
    throw error;
  }
  const check = verifySignature(request.headers.get(SIGNATURE_HEADER), raw, deps.secret, deps.nowMs ?? Date.now());
  if (!check.ok) return failure(401, "bad_signature", check.reason);
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return failure(400, "bad_json", "The body is not JSON");
  }
  // A NUL cannot be stored in a text or jsonb column: refuse it here, not in the database.
  if (raw.includes("\\u0000")) return failure(400, "bad_payload", "The body contains a NUL character");
  const parsed = webhookBody.safeParse(json);
  if (!parsed.success) return failure(400, "bad_payload", "The body is not a payment event", parsed.error.issues);
  if (parsed.data.type !== "payment.succeeded") return answer(200, { ignored: true });
  const event = paymentData.safeParse(parsed.data.data);
  if (!event.success) return failure(400, "bad_payload", "A payment needs reference, clientId, amount and currency", event.error.issues);
  try {
    const { reference, clientId, amount, currency } = event.data;
    const input = { clientId, amount, currency, reference, method: "gateway", raw: parsed.data.data };
    const { payment, created } = await recordPayment({ ctx: { db: await deps.db(), actor: { type: "system" } }, input });
    return answer(200, { paymentId: payment.id, created });
  } catch (error) {
    if (error instanceof ValidationError) return failure(422, "validation", error.message, error.fields);
    if (error instanceof AppError) return failure(statusOf[error.code], error.code, error.message);
    throw error;
  }
}
