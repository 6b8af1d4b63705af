import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, balanceEntries, clients, emailOutbox, invoices, operations, orders, paymentSessions, serviceHistory, services, tasks } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { cancelSetup } from "@/lib/services/services/cancel-setup";
import { retrySetup } from "@/lib/services/services/retry-setup";
import { refund } from "@/lib/services/balance/refund";
import { debit } from "@/lib/services/balance/debit";
import { voidInvoice } from "@/lib/services/invoices/void";
import { markInvoicePaid } from "@/lib/services/invoices/mark-paid";
import { createOrder } from "@/lib/services/orders/create";
import { recordPayment } from "@/lib/services/payments/record";
import { applyStripeEvent } from "@/lib/services/payments/apply-stripe-event";
import { closeTask } from "@/lib/services/tasks/close";
import { sweepOperations } from "@/lib/processing/sweep";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";
import { startFakeStripe } from "../helpers/fake-stripe";
import { testClock } from "../helpers/clock";

describe("nothing paid is stuck, and the admin's money tools", () => {
  let database: TestDatabase;
  let fake: Awaited<ReturnType<typeof startFakeStripe>>;
  let tariffId: number;
  let departmentId: number;
  let admin: Ctx;
  const db = () => database.db;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));

  beforeAll(async () => {
    database = await createTestDatabase();
    fake = await startFakeStripe();
    departmentId = (await createDepartment(db())).id;
    const handler = await makeHandler(db(), { module: "manual", departmentId, productType: "dedicated" });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 9900, productType: "dedicated", template: null })).id;
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
  });
  afterAll(async () => {
    await fake.close();
    await database.close();
  });
  afterEach(() => {
    for (const k of ["STRIPE_SECRET_KEY", "STRIPE_API_URL"]) delete process.env[k];
  });

  const balanceOf = async (clientId: number) => (await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance;
  const ledgerOf = async (clientId: number) => db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)).orderBy(balanceEntries.id);
  /** The balance equals the sum of its ledger, and each entry's running total follows from the one before. */
  const expectBalanceIsLedger = async (clientId: number) => {
    const entries = await ledgerOf(clientId);
    let running = 0;
    for (const e of entries) {
      running += e.amount;
      expect(e.balanceAfter).toBe(running);
    }
    expect(await balanceOf(clientId)).toBe(running);
  };
  const serviceOf = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const lastHistory = async (id: number) => (await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, id)).orderBy(sql`${serviceHistory.id} desc`).limit(1))[0]!;
  const openOf = async (serviceId: number) => (await db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "open"))))[0]!;
  const params = { hostname: "db1.example.test" };

  it("cancelling a set-up in Current operations closes the service and returns the money to the balance", async () => {
    const client = await createClient(db(), 9900);
    const service = await orderAndPay(db(), client.id, tariffId, { params }, clock);
    expect(await balanceOf(client.id)).toBe(0);
    const op = await openOf(service.id);
    const result = await cancelOperation({ ctx: admin, input: { operationId: op.id } });
    expect(result.setup?.message).toBe("Set-up cancelled, $99.00 returned to your balance");
    expect(await serviceOf(service.id)).toMatchObject({ status: "closed", pending: null });
    expect(await balanceOf(client.id)).toBe(9900);
    expect((await ledgerOf(client.id)).map((e) => [e.kind, e.amount])).toEqual([["credit", 9900], ["charge", -9900], ["refund", 9900]]);
    await expectBalanceIsLedger(client.id);
    expect((await lastHistory(service.id)).message).toBe("Set-up cancelled, $99.00 returned to your balance");
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `closed:setup:${service.id}`));
    expect(mail?.serviceId).toBe(service.id);
    // Cancelling again refunds nothing twice.
    await expect(cancelSetup({ ctx: admin, input: { serviceId: service.id } })).rejects.toMatchObject({ code: "conflict" });
    expect(await balanceOf(client.id)).toBe(9900);
  });

  it("a set-up that failed for good (its task waiting for staff) can be tried again or cancelled and refunded", async () => {
    const client = await createClient(db(), 9900);
    const service = await orderAndPay(db(), client.id, tariffId, { params }, clock);
    await sweepOperations(db(), { clock });
    const op = await openOf(service.id);
    expect(op.status).toBe("manual");
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, op.id));
    await retrySetup({ ctx: admin, input: { serviceId: service.id } });
    expect((await openOf(service.id)).status).toBe("queued");
    expect((await db().select().from(tasks).where(eq(tasks.id, task!.id)))[0]!.status).toBe("cancelled");
    await sweepOperations(db(), { clock });
    const { actor: client_ } = await createUser(db(), "client", { clientId: client.id });
    await expect(cancelSetup({ ctx: { db: db(), actor: client_ }, input: { serviceId: service.id } })).rejects.toMatchObject({ code: "forbidden" });
    const done = await cancelSetup({ ctx: admin, input: { serviceId: service.id, reason: "Rack is full" } });
    expect(done).toMatchObject({ refunded: 9900, to: "balance" });
    expect(await db().select().from(tasks).where(and(eq(tasks.operationId, op.id), eq(tasks.status, "new")))).toHaveLength(0);
    expect(await balanceOf(client.id)).toBe(9900);
    await expectBalanceIsLedger(client.id);
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "service.cancel_setup"), eq(auditLog.entityId, String(service.id))));
    expect(row?.after).toMatchObject({ reason: "Rack is full", refunded: 9900 });
  });

  it("refunds a set-up paid by card back to the card through Stripe, once, and Stripe's event later takes nothing", async () => {
    Object.assign(process.env, { STRIPE_SECRET_KEY: "sk_test_fake_key", STRIPE_API_URL: fake.url });
    const client = await createClient(db());
    const { order } = await createOrder({ ctx: sys(db(), clock), input: { clientId: client.id, items: [{ tariffId, months: 1, params }] } });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    await db().insert(paymentSessions).values({ clientId: client.id, invoiceId: invoice!.id, gateway: "stripe", externalId: `cs_test_${order.id}`, paymentIntentId: `pi_test_${order.id}`, amount: 9900, currency: "USD" });
    await recordPayment({ ctx: sys(db(), clock), input: { clientId: client.id, amount: 9900, currency: "USD", reference: `cs_test_${order.id}`, method: "stripe", paymentIntentId: `pi_test_${order.id}` } });
    const [service] = await db().select().from(services).where(eq(services.clientId, client.id));
    expect(service!.status).toBe("processing");

    const done = await cancelSetup({ ctx: admin, input: { serviceId: service!.id, to: "card", reason: "Out of stock" } });
    expect(done.message).toBe("Set-up cancelled, $99.00 returned to your card");
    expect(fake.refunds).toEqual([expect.objectContaining({ payment_intent: `pi_test_${order.id}`, amount: 9900 })]);
    expect(fake.requests.at(-1)!.idempotencyKey).toBe(`refund:svc:${service!.id}:setup`);
    expect((await ledgerOf(client.id)).map((e) => [e.kind, e.amount])).toEqual([["payment", 9900], ["charge", -9900], ["refund", 9900], ["refund", -9900]]);
    expect(await balanceOf(client.id)).toBe(0);
    await expectBalanceIsLedger(client.id);
    const [session] = await db().select().from(paymentSessions).where(eq(paymentSessions.invoiceId, invoice!.id));
    expect(session!.refunded).toBe(9900);
    const answer = await applyStripeEvent({
      ctx: sys(db(), clock),
      input: { id: "evt_r", type: "charge.refunded", data: { object: { id: "ch_1", payment_intent: `pi_test_${order.id}`, amount_refunded: 9900, metadata: {} } } } as never,
    });
    expect(answer.detail).toBe("already recorded");
    expect(await balanceOf(client.id)).toBe(0);
  });

  it("refuses a card refund for a service paid from the balance", async () => {
    Object.assign(process.env, { STRIPE_SECRET_KEY: "sk_test_fake_key", STRIPE_API_URL: fake.url });
    const client = await createClient(db(), 9900);
    const service = await orderAndPay(db(), client.id, tariffId, { params }, clock);
    await expect(cancelSetup({ ctx: admin, input: { serviceId: service.id, to: "card" } })).rejects.toMatchObject({ code: "conflict" });
    expect(await serviceOf(service.id)).toMatchObject({ status: "processing" });
    expect(await balanceOf(client.id)).toBe(0);
  });

  /** A service made active by staff closing its set-up task. */
  const activeService = async (clientId: number) => {
    const s = await orderAndPay(db(), clientId, tariffId, { params }, clock);
    await sweepOperations(db(), { clock });
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, (await openOf(s.id)).id));
    const { actor } = await createUser(db(), "staff", { departmentId });
    await closeTask({ ctx: { db: db(), actor, clock }, input: { taskId: task!.id, fields: {}, note: "done" } });
    return serviceOf(s.id);
  };

  it("refunds pro rata for the unused time, never more than was paid, each as a ledger entry with its reason", async () => {
    const client = await createClient(db(), 9900);
    const service = await activeService(client.id);
    expect(service.status).toBe("active");
    const days = (service.expiresAt!.getTime() - clock.now().getTime()) / 86_400_000;
    const later = testClock(new Date(clock.now().getTime() + (days / 2) * 86_400_000));
    const half = await refund({ ctx: { ...admin, clock: later }, input: { serviceId: service.id, mode: "pro_rata", reason: "Outage" } });
    expect(half.amount).toBe(4950);
    const rest = await refund({ ctx: admin, input: { serviceId: service.id, mode: "full", reason: "Goodwill" } });
    expect(rest.amount).toBe(4950);
    await expect(refund({ ctx: admin, input: { serviceId: service.id, mode: "full", reason: "Again" } })).rejects.toMatchObject({ code: "unprocessable" });
    const entries = await ledgerOf(client.id);
    expect(entries.slice(-2).map((e) => [e.kind, e.amount, e.note])).toEqual([
      ["refund", 4950, `Refund for service #${service.id}: Outage`],
      ["refund", 4950, `Refund for service #${service.id}: Goodwill`],
    ]);
    await expect(refund({ ctx: admin, input: { serviceId: service.id, mode: "full", reason: "" } })).rejects.toMatchObject({ code: "validation" });
    await expectBalanceIsLedger(client.id);
  });

  it("debits the balance with a reason, never below zero", async () => {
    const client = await createClient(db(), 1000);
    const entry = await debit({ ctx: admin, input: { clientId: client.id, amount: 400, reason: "Bank fee" } });
    expect(entry).toMatchObject({ kind: "adjustment", amount: -400, balanceAfter: 600, note: "Bank fee" });
    await expect(debit({ ctx: admin, input: { clientId: client.id, amount: 601, reason: "Too much" } })).rejects.toMatchObject({ code: "unprocessable" });
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    await expect(debit({ ctx: { db: db(), actor }, input: { clientId: client.id, amount: 1, reason: "x" } })).rejects.toMatchObject({ code: "forbidden" });
    expect(await balanceOf(client.id)).toBe(600);
    await expectBalanceIsLedger(client.id);
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "balance.debit"), eq(auditLog.entityId, String(client.id))));
    expect(row?.after).toMatchObject({ balance: 600, reason: "Bank fee" });
  });

  it("voids an unpaid invoice with its order, and marks another paid, which sets its service up", async () => {
    const client = await createClient(db());
    const order1 = (await createOrder({ ctx: sys(db(), clock), input: { clientId: client.id, items: [{ tariffId, months: 1, params }] } })).order;
    const [inv1] = await db().select().from(invoices).where(eq(invoices.orderId, order1.id));
    const voided = await voidInvoice({ ctx: admin, input: { invoiceId: inv1!.id, reason: "Duplicate order" } });
    expect(voided.status).toBe("cancelled");
    expect(voided.description).toContain("voided: Duplicate order");
    expect((await db().select().from(orders).where(eq(orders.id, order1.id)))[0]!.status).toBe("cancelled");
    await expect(markInvoicePaid({ ctx: admin, input: { invoiceId: inv1!.id, reason: "Wire" } })).rejects.toMatchObject({ code: "conflict" });

    const order2 = (await createOrder({ ctx: sys(db(), clock), input: { clientId: client.id, items: [{ tariffId, months: 1, params }] } })).order;
    const [inv2] = await db().select().from(invoices).where(eq(invoices.orderId, order2.id));
    const paid = await markInvoicePaid({ ctx: admin, input: { invoiceId: inv2!.id, reason: "Bank transfer 2026-03-01" } });
    expect(paid.serviceIds).toHaveLength(1);
    expect((await serviceOf(paid.serviceIds[0]!)).status).toBe("processing");
    expect((await db().select().from(invoices).where(eq(invoices.id, inv2!.id)))[0]!.status).toBe("paid");
    expect((await ledgerOf(client.id)).map((e) => [e.kind, e.amount])).toEqual([["payment", 9900], ["charge", -9900]]);
    await expect(voidInvoice({ ctx: admin, input: { invoiceId: inv2!.id, reason: "Oops" } })).rejects.toMatchObject({ code: "conflict" });
    await expectBalanceIsLedger(client.id);
  });
});
