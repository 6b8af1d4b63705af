import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { balanceEntries, clients, invoices, orders, payments, services } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { recordPayment } from "@/lib/services/payments/record";
import { signPayload } from "@/lib/services/payments/signature";
import { handlePaymentWebhook } from "@/app/api/payments/webhook/handle";
import { POST } from "@/app/api/payments/webhook/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, sys } from "../helpers/factories";

const SECRET = "whsec-test-0123456789";

describe("paying: insufficient funds, idempotent checkout, payments and the signed webhook", () => {
  let database: TestDatabase;
  let tariffId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    const handler = await makeHandler(db(), { module: "manual" });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 500 })).id;
  });
  afterAll(async () => database.close());
  afterEach(() => {
    delete process.env.PAYMENT_WEBHOOK_SECRET;
  });

  const clientActor = async (balance = 0) => {
    const client = await createClient(db(), balance);
    return { clientId: client.id, actor: (await createUser(db(), "client", { clientId: client.id })).actor };
  };
  const snapshot = async (clientId: number) => ({
    client: (await db().select().from(clients).where(eq(clients.id, clientId)))[0],
    orders: await db().select().from(orders).where(eq(orders.clientId, clientId)),
    invoices: await db().select().from(invoices).where(eq(invoices.clientId, clientId)),
    entries: await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)),
    services: await db().select().from(services).where(eq(services.clientId, clientId)),
  });
  const delivery = (body: object, secret = SECRET, t?: number) => {
    const raw = JSON.stringify(body);
    return new Request("http://localhost/api/payments/webhook", { method: "POST", body: raw, headers: { "content-type": "application/json", "x-provisio-signature": signPayload(raw, secret, t) } });
  };
  const paymentEvent = (clientId: number, reference: string, amount = 2500) => ({ type: "payment.succeeded", data: { reference, clientId, amount, currency: "USD" } });

  it("refuses to pay with insufficient funds, with a clear error, and changes nothing", async () => {
    const { clientId, actor } = await clientActor(499);
    const { order } = await createOrder({ ctx: { db: db(), actor }, input: { items: [{ tariffId, months: 1 }] } });
    const before = await snapshot(clientId);
    const error = await payOrder({ ctx: { db: db(), actor }, input: { orderId: order.id } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("unprocessable");
    expect((error as AppError).message).toBe("Insufficient funds: the order costs $5.00, the balance is $4.99");
    expect(await snapshot(clientId)).toEqual(before);
    expect(before.client!.balance).toBe(499);
  });

  it("a double-submitted checkout makes one order, and a double-submitted payment one charge", async () => {
    const { clientId, actor } = await clientActor(5000);
    const ctx = { db: db(), actor };
    const input = { items: [{ tariffId, months: 1, addons: { disk: 1 } }], idempotencyKey: "checkout-double-submit-1" };
    const made = await Promise.all([createOrder({ ctx, input }), createOrder({ ctx, input }), createOrder({ ctx, input })]);
    expect(new Set(made.map((m) => m.order.id)).size).toBe(1);
    expect(made.filter((m) => m.created)).toHaveLength(1);
    expect((await createOrder({ ctx, input })).order.id).toBe(made[0]!.order.id);
    const paid = await Promise.all([payOrder({ ctx, input: { orderId: made[0]!.order.id } }), payOrder({ ctx, input: { orderId: made[0]!.order.id } })]);
    expect(paid.filter((p) => p.charged)).toHaveLength(1);
    const after = await snapshot(clientId);
    expect(after.orders).toHaveLength(1);
    expect(after.invoices).toHaveLength(1);
    expect(after.entries.filter((e) => e.kind === "charge")).toHaveLength(1);
    expect(after.services).toHaveLength(1);
    expect(after.client!.balance).toBe(5000 - 600);
  });

  it("records one payment and one credit for the same reference twice", async () => {
    const { clientId } = await clientActor();
    const input = { clientId, amount: 1234, currency: "usd", reference: "gw_twice" };
    const first = await recordPayment({ ctx: sys(db()), input });
    const second = await recordPayment({ ctx: sys(db()), input });
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.payment.id).toBe(first.payment.id);
    const after = await snapshot(clientId);
    expect(after.client!.balance).toBe(1234);
    expect(after.entries.map((e) => [e.kind, e.amount, e.reference])).toEqual([["payment", 1234, "payment:gw_twice"]]);
    const reused = await recordPayment({ ctx: sys(db()), input: { ...input, amount: 99 } }).catch((e: unknown) => e);
    expect((reused as AppError).code).toBe("conflict");
  });

  it("turns 20 concurrent deliveries of one signed webhook into one payment and one credit", async () => {
    const { clientId } = await clientActor();
    const deps = { secret: SECRET, db: async () => db() };
    const responses = await Promise.all(Array.from({ length: 20 }, () => handlePaymentWebhook(delivery(paymentEvent(clientId, "gw_concurrent")), deps)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as { created: boolean; paymentId: number }[];
    expect(bodies.filter((b) => b.created)).toHaveLength(1);
    expect(new Set(bodies.map((b) => b.paymentId)).size).toBe(1);
    expect(await db().select().from(payments).where(eq(payments.reference, "gw_concurrent"))).toHaveLength(1);
    const after = await snapshot(clientId);
    expect(after.entries).toHaveLength(1);
    expect(after.client!.balance).toBe(2500);
  });

  it("refuses payments that are not allowed: not an admin, unknown client, other currency", async () => {
    const { clientId, actor } = await clientActor();
    const asClient = await recordPayment({ ctx: { db: db(), actor }, input: { clientId, amount: 100, currency: "USD", reference: "gw_self" } }).catch((e: unknown) => e);
    expect((asClient as AppError).code).toBe("forbidden");
    const unknown = await handlePaymentWebhook(delivery(paymentEvent(999_999, "gw_unknown")), { secret: SECRET, db: async () => db() });
    expect(unknown.status).toBe(404);
    const euro = await recordPayment({ ctx: sys(db()), input: { clientId, amount: 100, currency: "EUR", reference: "gw_eur" } }).catch((e: unknown) => e);
    expect((euro as AppError).code).toBe("unprocessable");
    expect(await db().select().from(payments).where(eq(payments.clientId, clientId))).toHaveLength(0);
    expect((await snapshot(clientId)).client!.balance).toBe(0);
  });

  it("the route refuses a bad signature, a stale timestamp, a missing header and a missing secret", async () => {
    const event = paymentEvent(1, "gw_route");
    // Production generates no secret: without PAYMENT_WEBHOOK_SECRET the route is closed.
    const saved = { NODE_ENV: process.env.NODE_ENV, DATABASE_URL: process.env.DATABASE_URL };
    Object.assign(process.env, { NODE_ENV: "production", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" });
    try {
      expect((await POST(delivery(event))).status).toBe(503);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    process.env.PAYMENT_WEBHOOK_SECRET = SECRET;
    const wrong = await POST(delivery(event, "not-the-secret"));
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "bad_signature", message: "The signature does not match" } });
    const stale = await POST(delivery(event, SECRET, Math.floor(Date.now() / 1000) - 3600));
    expect(await stale.json()).toMatchObject({ error: { code: "bad_signature", message: "The signature timestamp is too old or in the future" } });
    const tampered = delivery(event);
    const body = JSON.stringify({ ...event, data: { ...event.data, amount: 999_999 } });
    const forged = await POST(new Request(tampered.url, { method: "POST", body, headers: tampered.headers }));
    expect(forged.status).toBe(401);
    const bare = await POST(new Request("http://localhost/api/payments/webhook", { method: "POST", body: JSON.stringify(event) }));
    expect(await bare.json()).toMatchObject({ error: { code: "bad_signature", message: "The x-provisio-signature header is missing" } });
    expect(await db().select().from(payments).where(eq(payments.reference, "gw_route"))).toHaveLength(0);
  });

  it("acknowledges other event types and rejects malformed payment events", async () => {
    const deps = { secret: SECRET, db: async () => db() };
    const other = await handlePaymentWebhook(delivery({ type: "payment.refunded", data: { id: 1 } }), deps);
    expect(await other.json()).toEqual({ ignored: true });
    const bad = await handlePaymentWebhook(delivery({ type: "payment.succeeded", data: { reference: "x", clientId: 1, amount: -5, currency: "USD" } }), deps);
    expect(bad.status).toBe(422);
  });
});
