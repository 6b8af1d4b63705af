import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { payments } from "@/lib/db/schema";
import { signPayload } from "@/lib/services/payments/signature";
import { handlePaymentWebhook } from "@/app/api/payments/webhook/handle";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient } from "../helpers/factories";

const SECRET = "whsec-test-limits-0123456789";

describe("the payment webhook caps and validates what it reads", () => {
  let database: TestDatabase;
  let clientId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    clientId = (await createClient(database.db)).id;
  });
  afterAll(async () => database.close());
  const deps = () => ({ secret: SECRET, db: async () => database.db });
  const signed = (raw: string) =>
    new Request("http://localhost/api/payments/webhook", { method: "POST", body: raw, headers: { "content-type": "application/json", "x-provisio-signature": signPayload(raw, SECRET) } });
  const event = (data: Record<string, unknown>) => JSON.stringify({ type: "payment.succeeded", data: { reference: "ref-1", clientId, amount: 100, currency: "USD", ...data } });

  it("stops reading a body that passes the cap, without waiting for its end", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024).fill(32));
      },
    });
    const request = new Request("http://localhost/api/payments/webhook", { method: "POST", body: endless, duplex: "half", headers: { "x-provisio-signature": "t=1,v1=00" } } as RequestInit);
    const r = await handlePaymentWebhook(request, deps());
    expect(r.status).toBe(413);
    expect(pulled).toBeLessThan(10);
    const declared = new Request("http://localhost/api/payments/webhook", { method: "POST", body: "{}", headers: { "content-length": "10000000" } });
    expect((await handlePaymentWebhook(declared, deps())).status).toBe(413);
  });

  it.each([
    ["an out-of-range clientId", { clientId: 99_999_999_999 }],
    ["a fractional clientId", { clientId: 1.5 }],
    ["a NUL in the reference", { reference: "abc\u0000def" }],
    ["a fractional amount", { amount: 10.5 }],
    ["a currency that is not a code", { currency: "US$" }],
  ])("answers a signed payment with %s by 400 and records nothing", async (_name, data) => {
    const r = await handlePaymentWebhook(signed(event(data)), deps());
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { code: string } }).error.code).toBe("bad_payload");
    expect(await database.db.select().from(payments)).toEqual([]);
  });

  it("refuses a NUL anywhere in the stored payload", async () => {
    const r = await handlePaymentWebhook(signed(event({ note: "x\u0000y" })), deps());
    expect(r.status).toBe(400);
    expect(await database.db.select().from(payments)).toEqual([]);
  });
});
