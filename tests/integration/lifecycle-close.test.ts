import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { balanceEntries, clients, emailOutbox, invoices, operations, orders, services, tariffs, tasks } from "@/lib/db/schema";
import { decryptJson } from "@/lib/crypto";
import { requestClose } from "@/lib/services/services/request-close";
import { withdrawClose } from "@/lib/services/services/withdraw-close";
import { closeQuote } from "@/lib/services/services/close-quote";
import { closeTermsIn } from "@/components/store/closing-words";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { suspendService } from "@/lib/services/services/suspend";
import { cancelOrder } from "@/lib/services/orders/cancel";
import { createOrder } from "@/lib/services/orders/create";
import { closeTask } from "@/lib/services/tasks/close";
import { expireUnpaidOrders } from "@/lib/billing/expire-orders";
import { runRenewals } from "@/lib/billing/renewals";
import { writeSettings } from "@/lib/settings";
import { sweepOperations } from "@/lib/processing/sweep";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";
import { testClock } from "../helpers/clock";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import * as closeRoute from "@/app/api/v1/services/[id]/close/route";
import { renderEmail } from "@/lib/email/render";

describe("closing now or at the end of the paid period, cancelling and expiring unpaid orders", () => {
  let database: TestDatabase;
  let departmentId: number;
  let handlerId: number;
  const db = () => database.db;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));
  const DAY = 86_400;

  beforeAll(async () => {
    database = await createTestDatabase();
    departmentId = (await createDepartment(db())).id;
    handlerId = (await makeHandler(db(), { module: "manual", departmentId, productType: "other" })).id;
  });
  afterAll(async () => database.close());

  const tariff = async (refund: boolean) => {
    const t = await makeTariff(db(), { handlerIds: [handlerId], price: 3000, productType: "other", template: null });
    if (refund) await db().update(tariffs).set({ refundUnusedOnClose: true }).where(eq(tariffs.id, t.id));
    return t.id;
  };
  const balanceOf = async (clientId: number) => (await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance;
  const ledgerSum = async (clientId: number) => Number((await db().select({ s: sql<string>`coalesce(sum(amount), 0)` }).from(balanceEntries).where(eq(balanceEntries.clientId, clientId)))[0]!.s);
  /** Staff finish every task waiting (set-up or close) as done. */
  const staffFinish = async () => {
    await sweepOperations(db(), { clock });
    const { actor } = await createUser(db(), "staff", { departmentId });
    for (const t of await db().select().from(tasks).where(eq(tasks.status, "new"))) {
      await closeTask({ ctx: { db: db(), actor, clock }, input: { taskId: t.id, fields: {}, note: "done" } });
    }
  };
  const newClient = async (balance: number) => {
    const client = await createClient(db(), balance);
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    return { clientId: client.id, ctx: { db: db(), actor, clock } };
  };

  it("closing now refunds the unused time when the tariff says so, says how much before and after, and a withdrawal takes it back", async () => {
    const { clientId, ctx } = await newClient(3000);
    const service = await orderAndPay(db(), clientId, await tariff(true), { params: {} }, clock);
    await staffFinish();
    const active = (await db().select().from(services).where(eq(services.id, service.id)))[0]!;
    expect(active.status).toBe("active");
    const days = (active.expiresAt!.getTime() - clock.now().getTime()) / 86_400_000;
    clock.advance((days / 3) * DAY);
    const quote = await closeQuote({ ctx, input: { serviceId: service.id } });
    expect(quote.refund).toBe(2000);
    expect(closeTermsIn("en", quote).now).toBe("Closes now; $20.00 for the unused time returns to your balance.");
    expect(closeTermsIn("ru", quote).now.replace(/\s/g, " ")).toBe("Закроется сейчас; 20,00 $ за неиспользованное время вернётся на ваш баланс.");
    const closed = await requestClose({ ctx, input: { serviceId: service.id, when: "now" } });
    expect(closed.refund).toBe(2000);
    expect(await balanceOf(clientId)).toBe(2000);
    expect(await ledgerSum(clientId)).toBe(2000);
    await withdrawClose({ ctx, input: { serviceId: service.id } });
    expect(await balanceOf(clientId)).toBe(0);
    expect(await ledgerSum(clientId)).toBe(0);

    await requestClose({ ctx, input: { serviceId: service.id } });
    expect(await balanceOf(clientId)).toBe(2000);
    await staffFinish();
    expect((await db().select().from(services).where(eq(services.id, service.id)))[0]!.status).toBe("closed");
    const [mail] = await db().select().from(emailOutbox).where(and(eq(emailOutbox.serviceId, service.id), sql`${emailOutbox.dedupeKey} like 'closed:op:%'`));
    expect(decryptJson<{ reason?: string }>(mail!.props).reason).toBe("$20.00 returned to your balance for the unused time.");
    // The client's language words it from the refund itself (a Russian client reads Russian).
    const ru = await renderEmail(mail!.template as "service-status", decryptJson(mail!.props), "ru");
    expect(ru.text.replace(/\s/g, " ")).toContain("20,00 $ за неиспользованное время возвращены на ваш баланс.");
    expect(ru.text).not.toContain("returned to your balance");
    clock.set(new Date("2026-03-01T10:00:00Z"));
  });

  it("a tariff without the refund rule refunds nothing on closing now, and says so", async () => {
    const { clientId, ctx } = await newClient(3000);
    const service = await orderAndPay(db(), clientId, await tariff(false), { params: {} }, clock);
    await staffFinish();
    expect(closeTermsIn("en", await closeQuote({ ctx, input: { serviceId: service.id } })).now).toBe("Closes now; nothing is refunded.");
    expect((await requestClose({ ctx, input: { serviceId: service.id } })).refund).toBe(0);
    expect(await balanceOf(clientId)).toBe(0);
    await staffFinish();
    const [mail] = await db().select().from(emailOutbox).where(and(eq(emailOutbox.serviceId, service.id), sql`${emailOutbox.dedupeKey} like 'closed:op:%'`));
    expect(decryptJson<{ reason?: string }>(mail!.props).reason).toBe("Nothing is refunded for the unused time.");
  });

  it("closing at the end of the paid period waits until then, is not renewed meanwhile, and can still be synced or suspended", async () => {
    const { clientId, ctx } = await newClient(9000);
    const service = await orderAndPay(db(), clientId, await tariff(true), { params: {} }, clock);
    await staffFinish();
    const active = (await db().select().from(services).where(eq(services.id, service.id)))[0]!;
    const done = await requestClose({ ctx, input: { serviceId: service.id, when: "period_end" } });
    expect(done).toMatchObject({ refund: 0 });
    expect(done.closesAt).toEqual(active.expiresAt);
    await sweepOperations(db(), { clock });
    expect((await db().select().from(operations).where(eq(operations.id, done.operationId)))[0]!.status).toBe("queued");
    expect(await db().select().from(tasks).where(eq(tasks.operationId, done.operationId))).toHaveLength(0);
    clock.set(new Date(active.expiresAt!.getTime() - 2 * DAY * 1000));
    await runRenewals(db(), { clock });
    expect(await balanceOf(clientId)).toBe(6000);
    const { actor } = await createUser(db(), "admin");
    await expect(requestServiceOperation({ ctx: { db: db(), actor, clock }, input: { serviceId: service.id, kind: "sync" } })).resolves.toBeTruthy();
    const suspended = await suspendService({ ctx: { db: db(), actor, clock }, input: { serviceId: service.id, reason: "abuse" } });
    expect(suspended.created).toBe(true);
    clock.set(new Date(active.expiresAt!.getTime() + 1000));
    await staffFinish();
    expect((await db().select().from(services).where(eq(services.id, service.id)))[0]!.status).toBe("closed");
    clock.set(new Date("2026-03-01T10:00:00Z"));
  });

  it("the REST API closes at the end of the period when asked, and refuses a bad choice", async () => {
    useAppDatabase(database);
    try {
      const { clientId } = await newClient(3000);
      const service = await orderAndPay(db(), clientId, await tariff(true), { params: {} }, clock);
      await staffFinish();
      const expiresAt = new Date(Date.now() + 20 * DAY * 1000);
      await db().update(services).set({ expiresAt }).where(eq(services.id, service.id));
      const key = await makeKey(db(), ["services:write"], clientId);
      const params = { id: String(service.id) };
      const bad = await call(closeRoute.POST, "POST", `/services/${service.id}/close`, { key, params, body: { when: "tomorrow" } });
      expect(bad.status).toBe(400);
      const answer = await call(closeRoute.POST, "POST", `/services/${service.id}/close`, { key, params, body: { when: "period_end" } });
      expect(answer.status).toBe(202);
      expect(answer.json).toMatchObject({ refund: 0, closesAt: expiresAt.toISOString() });
      const [op] = await db().select().from(operations).where(and(eq(operations.serviceId, service.id), eq(operations.kind, "close")));
      expect(op!.runAt).toEqual(expiresAt);
      expect(await balanceOf(clientId)).toBe(0);
    } finally {
      releaseAppDatabase();
    }
  });

  it("a client cancels an unpaid order; unpaid orders expire after the set number of days", async () => {
    const { clientId, ctx } = await newClient(0);
    const tariffId = await tariff(false);
    const item = { tariffId, months: 1, params: {} };
    const first = (await createOrder({ ctx, input: { items: [item] } })).order;
    await cancelOrder({ ctx, input: { orderId: first.id } });
    expect((await db().select().from(orders).where(eq(orders.id, first.id)))[0]!.status).toBe("cancelled");
    expect((await db().select().from(invoices).where(eq(invoices.orderId, first.id)))[0]!.status).toBe("cancelled");
    await expect(cancelOrder({ ctx, input: { orderId: first.id } })).rejects.toMatchObject({ code: "conflict" });
    const other = await newClient(0);
    await expect(cancelOrder({ ctx: other.ctx, input: { orderId: first.id } })).rejects.toMatchObject({ code: "not_found" });

    await writeSettings(db(), { unpaidOrderDays: 3 });
    const second = (await createOrder({ ctx: sys(db(), clock), input: { clientId, items: [item] } })).order;
    await db().update(orders).set({ createdAt: clock.now() }).where(eq(orders.id, second.id));
    expect(await expireUnpaidOrders(db(), { clock: testClock(new Date(clock.now().getTime() + 2 * DAY * 1000)) })).toBe(0);
    expect(await expireUnpaidOrders(db(), { clock: testClock(new Date(clock.now().getTime() + 4 * DAY * 1000)) })).toBeGreaterThanOrEqual(1);
    expect((await db().select().from(orders).where(eq(orders.id, second.id)))[0]!.status).toBe("cancelled");
    expect((await db().select().from(invoices).where(eq(invoices.orderId, second.id)))[0]!.description).toContain("expired unpaid");
  });
});
