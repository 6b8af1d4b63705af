import { getDatabase } from "@/lib/db";
import { paymentWebhookSecret } from "@/lib/local-secrets";
import { handlePaymentWebhook } from "./handle";

export const dynamic = "force-dynamic";

/** POST /api/payments/webhook: a signed payment from the gateway tops up a client's balance. */
export async function POST(request: Request): Promise<Response> {
  return handlePaymentWebhook(request, { secret: paymentWebhookSecret(), db: async () => (await getDatabase()).db });
}
