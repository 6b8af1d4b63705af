import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeCheckoutSession = {
  id: string; object: "checkout.session"; url: string; amount_total: number; currency: string; status: "open";
  payment_status: "unpaid"; metadata: Record<string, string>; success_url: string; cancel_url: string; customer_email?: string;
  payment_intent_data_metadata: Record<string, string>;
};

/** Stripe's form encoding "a[b][0][c]=v" read back into a flat map of the bracketed keys. */
function readForm(body: string): Map<string, string> {
  return new Map([...new URLSearchParams(body).entries()]);
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * A local stand-in for the part of Stripe's API the billing calls: POST /v1/checkout/sessions and
 * POST /v1/refunds, answered like Stripe (form-encoded request, JSON session with a hosted page URL). Sessions and
 * request headers are kept for assertions. `failCreates(n)` answers the next n creates with a 500.
 */
export async function startFakeStripe() {
  const sessions: FakeCheckoutSession[] = [];
  const requests: { path: string; authorization?: string; idempotencyKey?: string }[] = [];
  const refunds: { id: string; object: "refund"; payment_intent: string; amount: number; status: "succeeded"; metadata: Record<string, string> }[] = [];
  const refundsByKey = new Map<string, (typeof refunds)[number]>();
  let failing = 0;
  let seq = 0;
  const server: Server = createServer(async (req, res) => {
    const raw = await bodyOf(req);
    requests.push({ path: req.url ?? "", authorization: req.headers.authorization, idempotencyKey: req.headers["idempotency-key"] as string | undefined });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json", "request-id": `req_${++seq}` });
      res.end(JSON.stringify(body));
    };
    if (req.method === "POST" && req.url === "/v1/refunds") {
      // Stripe answers a repeated idempotency key with the first refund.
      const key = req.headers["idempotency-key"] as string | undefined;
      const seen = key ? refundsByKey.get(key) : undefined;
      if (seen) return json(200, seen);
      const form = readForm(raw);
      const metadata = Object.fromEntries([...form].filter(([k]) => k.startsWith("metadata[")).map(([k, v]) => [k.slice(9, -1), v]));
      const refund = { id: `re_test_${++seq}`, object: "refund" as const, payment_intent: form.get("payment_intent") ?? "", amount: Number(form.get("amount")), status: "succeeded" as const, metadata };
      refunds.push(refund);
      if (key) refundsByKey.set(key, refund);
      return json(200, refund);
    }
    if (req.method !== "POST" || req.url !== "/v1/checkout/sessions") return json(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${req.url})` } });
    if (failing > 0) {
      failing--;
      return json(500, { error: { type: "api_error", message: "Something went wrong on Stripe's end." } });
    }
    const form = readForm(raw);
    const pick = (prefix: string) => Object.fromEntries([...form].filter(([k]) => k.startsWith(`${prefix}[`)).map(([k, v]) => [k.slice(prefix.length + 1, -1), v]));
    const id = `cs_test_${Date.now().toString(36)}${++seq}`;
    const session: FakeCheckoutSession = {
      id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}`, status: "open", payment_status: "unpaid",
      amount_total: Number(form.get("line_items[0][price_data][unit_amount]")) * Number(form.get("line_items[0][quantity]")),
      currency: form.get("line_items[0][price_data][currency]") ?? "", metadata: pick("metadata"),
      payment_intent_data_metadata: pick("payment_intent_data[metadata]"),
      success_url: form.get("success_url") ?? "", cancel_url: form.get("cancel_url") ?? "", customer_email: form.get("customer_email"),
    };
    sessions.push(session);
    json(200, session);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    sessions,
    requests,
    refunds,
    failCreates: (n: number) => { failing = n; },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
