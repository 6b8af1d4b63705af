import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { balanceEntries, clients, invoices, operations, orders, paymentSessions, payments, services } from "@/lib/db/schema";
import type { AppError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { suspendClient } from "@/lib/services/clients/suspend";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { recordPayment } from "@/lib/services/payments/record";
import { startPayment } from "@/lib/services/payments/start";
import * as payRoute from "@/app/api/v1/orders/[id]/pay/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, sys } from "../helpers/factories";

const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);
const refusal = "This account is suspended, so orders cannot be paid. Please contact support.";

describe("paying an order placed before the client was suspended", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let tariffId: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    delete process.env.STRIPE_SECRET_KEY;
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    tariffId = (await makeTariff(db(), { handlerIds: [(await makeHandler(db(), { module: "manual" })).id], price: 1500 })).id;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database.close();
  });

  /** Everything paying touches, for one client. */
  const snapshot = async (clientId: number) => ({
    client: await db().select().from(clients).where(eq(clients.id, clientId)),
    orders: await db().select().from(orders).where(eq(orders.clientId, clientId)),
    invoices: await db().select().from(invoices).where(eq(invoices.clientId, clientId)),
    ledger: await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)),
    services: await db().select().from(services).where(eq(services.clientId, clientId)),
    operations: await db().select().from(operations),
  });

  const placed = async (balance: number) => {
    const client = await createClient(db(), balance);
    const user = await createUser(db(), "client", { clientId: client.id });
    const ctx = { db: db(), actor: user.actor };
    const { order } = await createOrder({ ctx, input: { items: [{ tariffId, months: 1 }] } });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    return { clientId: client.id, ctx, order, invoice: invoice! };
  };

  it("refuses paying from the balance, by the client, an admin or the REST API, and nothing changes", async () => {
    const { clientId, ctx, order } = await placed(10_000);
    await suspendClient({ ctx: admin, input: { clientId, suspended: true, reason: "abuse", note: "Abuse report" } });
    const before = await snapshot(clientId);

    expect(await fail(payOrder({ ctx, input: { orderId: order.id } }))).toMatchObject({ code: "unprocessable", message: refusal, details: { code: "client_suspended" } });
    expect(await fail(payOrder({ ctx: admin, input: { orderId: order.id } }))).toMatchObject({ message: refusal });
    const key = await makeKey(db(), ["read", "orders:write"], clientId);
    const api = await call(payRoute.POST, "POST", `/orders/${order.id}/pay`, { key, params: { id: String(order.id) } });
    expect(api.status).toBe(422);
    expect(api.json.error).toMatchObject({ message: refusal });
    expect(await snapshot(clientId)).toEqual(before);
    expect(before.client[0]!.balance).toBe(10_000);
    expect(before.orders[0]!.status).toBe("unpaid");

    // lifting the suspension lets it be paid
    await suspendClient({ ctx: admin, input: { clientId, suspended: false } });
    expect((await payOrder({ ctx, input: { orderId: order.id } })).charged).toBe(true);
  });

  it("does not start a card payment of the order, but the client may still add funds", async () => {
    const { clientId, ctx, invoice } = await placed(0);
    await suspendClient({ ctx: admin, input: { clientId, suspended: true } });
    const sessions = async () => db().select().from(paymentSessions).where(eq(paymentSessions.clientId, clientId));
    expect(await fail(startPayment({ ctx, input: { invoiceId: invoice.id, origin: "http://localhost:3000" } }))).toMatchObject({ message: refusal });
    expect(await sessions()).toEqual([]);
    await startPayment({ ctx, input: { amount: 2_000, origin: "http://localhost:3000" } });
    expect((await sessions()).map((s) => s.invoiceId)).toEqual([null]);
  });

  it("a gateway payment that arrives after the suspension is credited to the balance, and the order stays unpaid", async () => {
    const { clientId, ctx, order, invoice } = await placed(0);
    const started = await startPayment({ ctx, input: { invoiceId: invoice.id, origin: "http://localhost:3000" } });
    const [session] = await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId));
    await suspendClient({ ctx: admin, input: { clientId, suspended: true } });

    const paid = await recordPayment({ ctx: sys(db()), input: { clientId, amount: session!.amount, currency: session!.currency, reference: session!.externalId } });
    expect(paid.created).toBe(true);
    expect(paid.operationIds).toEqual([]);
    expect((await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance).toBe(1500);
    expect((await db().select().from(payments).where(eq(payments.clientId, clientId))).map((p) => p.amount)).toEqual([1500]);
    expect((await db().select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe("unpaid");
    expect((await db().select().from(invoices).where(eq(invoices.id, invoice.id)))[0]!.status).toBe("unpaid");
    expect(await db().select().from(services).where(eq(services.clientId, clientId))).toEqual([]);
    const [after] = await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId));
    expect(after).toMatchObject({ status: "paid", failureReason: `Kept on the balance: ${refusal}` });
  });
});
