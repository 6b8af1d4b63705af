import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import Stripe from "stripe";
import { balanceEntries, clients, invoices, paymentSessions, payments, services } from "@/lib/db/schema";
import { createOrder } from "@/lib/services/orders/create";
import { startPayment } from "@/lib/services/payments/start";
import { listPaymentSessions } from "@/lib/services/payments/list-sessions";
import { listBalanceEntries } from "@/lib/services/balance/list-entries";
import { POST } from "@/app/api/payments/stripe/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";
import { startFakeStripe } from "../helpers/fake-stripe";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";

const WEBHOOK_SECRET = "whsec_test_0123456789abcdef";
const origin = "https://billing.example.test";
const sdk = new Stripe("sk_test_for_signing_only");

describe("card payments through Stripe Checkout (real SDK, local fake API, signed events)", () => {
  let database: TestDatabase;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let tariffId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    fake = await startFakeStripe();
    const handler = await makeHandler(db(), { module: "manual" });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 700 })).id;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await fake.close();
    await database.close();
  });
  afterEach(() => {
    for (const k of ["STRIPE_SECRET_KEY", "STRIPE_API_URL", "STRIPE_WEBHOOK_SECRET"]) delete process.env[k];
  });
  const useStripe = () => Object.assign(process.env, { STRIPE_SECRET_KEY: "sk_test_fake_key", STRIPE_API_URL: fake.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });

  const newClient = async () => {
    const client = await createClient(db());
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    return { clientId: client.id, ctx: { db: db(), actor } };
  };
  const deliver = (event: object, secret = WEBHOOK_SECRET) => {
    const payload = JSON.stringify(event);
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret });
    return POST(new Request("http://localhost/api/payments/stripe", { method: "POST", body: payload, headers: { "content-type": "application/json", "stripe-signature": header } }));
  };
  let eventSeq = 0;
  const event = (type: string, object: object) => ({ id: `evt_test_${++eventSeq}`, object: "event", type, api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), livemode: false, data: { object } });
  const completed = (sessionId: string, amount: number, opts: { paid?: boolean; intent?: string; type?: string } = {}) =>
    event(opts.type ?? "checkout.session.completed", { id: sessionId, object: "checkout.session", amount_total: amount, currency: "usd", payment_status: opts.paid === false ? "unpaid" : "paid", payment_intent: opts.intent ?? `pi_${sessionId}`, metadata: {} });
  const balanceOf = async (clientId: number) => (await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance;

  it("pays an unpaid invoice by card: one payment, the balance credited and the order paid, whatever the retries", async () => {
    useStripe();
    const { clientId, ctx } = await newClient();
    const { order } = await createOrder({ ctx, input: { items: [{ tariffId, months: 1 }] } });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    const started = await startPayment({ ctx, input: { invoiceId: invoice!.id, origin } });
    const created = fake.sessions.at(-1)!;
    expect(started.url).toBe(created.url);
    expect(created).toMatchObject({ amount_total: 700, currency: "usd", metadata: { paymentSessionId: String(started.sessionId), clientId: String(clientId) } });
    expect(created.success_url).toBe(`${origin}/account/payments/return?session_id={CHECKOUT_SESSION_ID}`);
    expect(fake.requests.at(-1)!.authorization).toBe("Bearer sk_test_fake_key");

    const evt = completed(created.id, 700);
    const answers = await Promise.all([deliver(evt), deliver(evt), deliver(evt)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect((await deliver(evt)).status).toBe(200);

    expect(await db().select().from(payments).where(eq(payments.clientId, clientId))).toMatchObject([{ method: "stripe", amount: 700, reference: created.id }]);
    expect((await db().select().from(invoices).where(eq(invoices.id, invoice!.id)))[0]!.status).toBe("paid");
    expect(await db().select().from(services).where(eq(services.clientId, clientId))).toHaveLength(1);
    expect(await balanceOf(clientId)).toBe(0);
    const entries = await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)).orderBy(balanceEntries.id);
    expect(entries.map((e) => [e.kind, e.amount])).toEqual([["payment", 700], ["charge", -700]]);
    const [session] = await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId));
    expect(session).toMatchObject({ status: "paid", gateway: "stripe", externalId: created.id, paymentIntentId: `pi_${created.id}` });
  });

  it("answers 400 to a bad or missing signature and changes nothing", async () => {
    useStripe();
    const { clientId, ctx } = await newClient();
    await startPayment({ ctx, input: { amount: 2500, origin } });
    const created = fake.sessions.at(-1)!;
    const evt = completed(created.id, 2500);
    const wrong = await deliver(evt, "whsec_someone_else");
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: { code: "bad_signature" } });
    const payload = JSON.stringify(evt);
    const header = sdk.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const tampered = await POST(new Request("http://localhost/api/payments/stripe", { method: "POST", body: payload.replace("2500", "250000"), headers: { "stripe-signature": header } }));
    expect(tampered.status).toBe(400);
    const bare = await POST(new Request("http://localhost/api/payments/stripe", { method: "POST", body: payload }));
    expect(bare.status).toBe(400);
    expect(await db().select().from(payments).where(eq(payments.clientId, clientId))).toHaveLength(0);
    expect(await balanceOf(clientId)).toBe(0);
    delete process.env.STRIPE_WEBHOOK_SECRET;
    expect((await deliver(evt)).status).toBe(503);
  });

  it("adds funds, waits for the bank until the async payment succeeds, and shows failed and refunded payments", async () => {
    useStripe();
    const { clientId, ctx } = await newClient();
    const topUp = await startPayment({ ctx, input: { amount: 5000, origin } });
    const cs = fake.sessions.at(-1)!;
    expect(cs.cancel_url).toBe(`${origin}/account/balance`);
    expect((await deliver(completed(cs.id, 5000, { paid: false, intent: "pi_async" }))).status).toBe(200);
    expect((await db().select().from(paymentSessions).where(eq(paymentSessions.id, topUp.sessionId)))[0]).toMatchObject({ status: "open", paymentIntentId: "pi_async" });
    expect(await balanceOf(clientId)).toBe(0);
    await deliver(completed(cs.id, 5000, { intent: "pi_async", type: "checkout.session.async_payment_succeeded" }));
    expect(await balanceOf(clientId)).toBe(5000);

    const declined = await startPayment({ ctx, input: { amount: 1200, origin } });
    const failedEvent = event("payment_intent.payment_failed", { id: "pi_declined", object: "payment_intent", metadata: { paymentSessionId: String(declined.sessionId) }, last_payment_error: { message: "Your card was declined." } });
    expect((await deliver(failedEvent)).status).toBe(200);

    const refund = event("charge.refunded", { id: "ch_async", object: "charge", payment_intent: "pi_async", amount: 5000, amount_refunded: 2000, metadata: {} });
    await deliver(refund);
    await deliver(refund);
    expect(await balanceOf(clientId)).toBe(3000);

    const history = await listBalanceEntries({ ctx, input: {} });
    expect(history.items.map((e) => [e.kind, e.amount, e.note])).toEqual([
      ["refund", -2000, "Card payment refunded ($20.00)"],
      ["payment", 5000, "Card payment"],
    ]);
    const sessions = await listPaymentSessions({ ctx, input: {} });
    expect(sessions.items.map((s) => [s.amount, s.status, s.refunded, s.failureReason])).toEqual([
      [1200, "failed", 0, "Your card was declined."],
      [5000, "paid", 2000, null],
    ]);
  });

  it("an expired session says so, another client's payment page is not found, and Stripe being down changes nothing", async () => {
    useStripe();
    const { ctx } = await newClient();
    const started = await startPayment({ ctx, input: { amount: 900, origin } });
    const cs = fake.sessions.at(-1)!;
    await deliver(event("checkout.session.expired", { id: cs.id, object: "checkout.session", metadata: {} }));
    expect((await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId)))[0]!.status).toBe("expired");

    const other = await newClient();
    const { order } = await createOrder({ ctx, input: { items: [{ tariffId, months: 1 }] } });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    await expect(startPayment({ ctx: other.ctx, input: { invoiceId: invoice!.id, origin } })).rejects.toMatchObject({ code: "not_found" });

    fake.failCreates(5);
    const before = fake.sessions.length;
    await expect(startPayment({ ctx, input: { amount: 900, origin } })).rejects.toMatchObject({ message: "The card payment could not be started; please try again in a moment" });
    expect(fake.sessions).toHaveLength(before);
    fake.failCreates(0);
  });
});
