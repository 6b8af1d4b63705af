import { getDatabase } from "@/lib/db";
import { handleStripeWebhook } from "./handle";

export const dynamic = "force-dynamic";

/** POST /api/payments/stripe: Stripe's signed events (Checkout sessions, failed payments, refunds). */
export async function POST(request: Request): Promise<Response> {
  return handleStripeWebhook(request, { secret: process.env.STRIPE_WEBHOOK_SECRET, db: async () => (await getDatabase()).db });
}
