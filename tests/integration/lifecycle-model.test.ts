import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { rows } from "@/lib/db/rows";
import { balanceEntries, clients, invoices, operations, orderItems, orders, services, tariffs, tasks } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor, Ctx } from "@/lib/services/context";
import { paidFor, serviceRefundPrefix } from "@/lib/billing/paid-period";
import { runRenewals } from "@/lib/billing/renewals";
import { expireUnpaidOrders } from "@/lib/billing/expire-orders";
import { creditBalance } from "@/lib/services/balance/credit";
import { debit } from "@/lib/services/balance/debit";
import { refund } from "@/lib/services/balance/refund";
import { cancelOrder } from "@/lib/services/orders/cancel";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { cancelSetup } from "@/lib/services/services/cancel-setup";
import { renewService } from "@/lib/services/services/renew";
import { requestClose } from "@/lib/services/services/request-close";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { withdrawClose } from "@/lib/services/services/withdraw-close";
import { closeTask } from "@/lib/services/tasks/close";
import { sweepOperations } from "@/lib/processing/sweep";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";

/**
 * Random sequences of client, admin, staff and job actions on the money side of a service's life
 * (order, pay, cancel, set-up done or cancelled, refund, debit, top-up, close now or at the end of
 * the period, withdraw, renew, time passing with its sweeps), checking after every step that
 * balances equal their ledgers, every live service leaves the admin an action, and money paid for
 * a service is matched by the service or given back, never more than once.
 */
describe("a service's life as random sequences of actions (model-based)", () => {
  let database: TestDatabase;
  let departmentId: number;
  let tariffIds: number[];
  let admin: Actor;
  let staff: Actor;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));
  const db = () => database.db;
  const ctx = (actor: Actor): Ctx => ({ db: db(), actor, clock });

  beforeAll(async () => {
    database = await createTestDatabase();
    departmentId = (await createDepartment(db())).id;
    const handler = await makeHandler(db(), { module: "manual", departmentId, productType: "other" });
    const withRefund = await makeTariff(db(), { handlerIds: [handler.id], price: 3000, productType: "other", template: null });
    const without = await makeTariff(db(), { handlerIds: [handler.id], price: 1200, productType: "other", template: null });
    await db().update(tariffs).set({ refundUnusedOnClose: true }).where(eq(tariffs.id, withRefund.id));
    tariffIds = [withRefund.id, without.id];
    admin = (await createUser(db(), "admin")).actor;
    staff = (await createUser(db(), "staff", { departmentId })).actor;
  }, 60_000);
  afterAll(async () => database.close());

  type Model = { clients: { id: number; actor: Actor }[]; orders: number[]; services: number[] };
  type Real = Record<string, never>;

  /** Runs a verb; a refusal (conflict, not enough money, …) is an answer, anything else is a failure. */
  const attempt = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (error) {
      if (!(error instanceof AppError) || !["conflict", "unprocessable"].includes(error.code)) throw error;
    }
  };
  const pick = <T,>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
  const serviceIdsOf = async (orderId: number) =>
    (await db().select({ id: services.id }).from(services).innerJoin(orderItems, eq(orderItems.id, services.orderItemId)).where(eq(orderItems.orderId, orderId))).map((s) => s.id);

  /** Staff finish every task waiting for them (set-ups and closes alike). */
  const staffFinish = async (serviceId?: number) => {
    await sweepOperations(db(), { clock });
    const waiting = await db()
      .select({ id: tasks.id })
      .from(tasks)
      .innerJoin(operations, eq(operations.id, tasks.operationId))
      .where(and(inArray(tasks.status, ["new", "in_progress"]), serviceId ? eq(operations.serviceId, serviceId) : undefined));
    for (const t of waiting) await attempt(() => closeTask({ ctx: ctx(staff), input: { taskId: t.id, fields: {}, note: "done" } }));
  };

  /** Runs an admin verb inside a transaction that is then rolled back: "could the admin do this now?" */
  const couldAdmin = async (fn: (c: Ctx) => Promise<unknown>): Promise<boolean> => {
    const rollback = new Error("rollback");
    try {
      await db().transaction(async (tx) => {
        await fn({ db: tx as unknown as Db, actor: admin, clock });
        throw rollback;
      });
    } catch (error) {
      if (error === rollback) return true;
      if (error instanceof AppError) return false;
      throw error;
    }
    return false;
  };

  const checkInvariants = async () => {
    // Balances equal their ledgers, entry by entry.
    const drift = await rows(db(), sql`
      select c.id from clients c
      left join (select client_id, sum(amount) as total from balance_entries group by client_id) l on l.client_id = c.id
      where c.balance <> coalesce(l.total, 0)`);
    expect(drift).toEqual([]);
    const running = await rows(db(), sql`
      select id from (select id, balance_after, sum(amount) over (partition by client_id order by id) as total from balance_entries) e
      where balance_after <> total`);
    expect(running).toEqual([]);
    // Every paid order charge is matched by its services; every service is refunded at most what was paid for it.
    const paidOrders = await db().select({ id: orders.id }).from(orders).where(eq(orders.status, "paid"));
    for (const o of paidOrders) {
      const [items] = await db().select({ n: sql<number>`count(*)::int` }).from(orderItems).where(eq(orderItems.orderId, o.id));
      expect((await serviceIdsOf(o.id)).length).toBe(items!.n);
    }
    for (const s of await db().select().from(services)) {
      const paid = await paidFor(db(), s);
      expect(paid.refunded).toBeGreaterThanOrEqual(0);
      expect(paid.refunded).toBeLessThanOrEqual(paid.total);
      const [cancelled] = await db().select({ id: balanceEntries.id }).from(balanceEntries).where(eq(balanceEntries.reference, `${serviceRefundPrefix(s.id)}setup`));
      if (cancelled) expect(paid.refunded).toBe(paid.total);
      // No live service without an action for the admin.
      if (s.status === "processing" || s.status === "ordered") {
        expect(await couldAdmin((c) => cancelSetup({ ctx: c, input: { serviceId: s.id } }))).toBe(true);
      } else if (s.status === "active" || s.status === "suspended") {
        const closing = await db().select({ id: operations.id }).from(operations).where(and(eq(operations.serviceId, s.id), eq(operations.kind, "close"), inArray(operations.status, ["queued", "running", "waiting", "manual"])));
        if (!closing.length) expect(await couldAdmin((c) => requestServiceOperation({ ctx: c, input: { serviceId: s.id, kind: "close" } }))).toBe(true);
      }
    }
    // Unpaid orders stay unpaid in the ledger: no charge for them.
    const charged = await db()
      .select({ id: balanceEntries.id })
      .from(balanceEntries)
      .innerJoin(invoices, eq(invoices.id, balanceEntries.invoiceId))
      .innerJoin(orders, eq(orders.id, invoices.orderId))
      .where(and(eq(balanceEntries.kind, "charge"), inArray(orders.status, ["unpaid", "cancelled"])));
    expect(charged).toEqual([]);
  };

  const step = (name: string, run: (m: Model) => Promise<void>): fc.AsyncCommand<Model, Real> => ({
    check: () => true,
    run: async (m) => {
      await run(m);
      await checkInvariants();
    },
    toString: () => name,
  });

  const commands = [
    fc.tuple(fc.nat(), fc.nat(1), fc.constantFrom(1, 12), fc.boolean()).map(([c, t, months, pay]) =>
      step(`order(${c}, tariff ${t}, ${months} mo, pay ${pay})`, async (m) => {
        const client = pick(m.clients, c)!;
        const { order } = await createOrder({ ctx: ctx(client.actor), input: { items: [{ tariffId: tariffIds[t]!, months, params: {} }] } });
        m.orders.push(order.id);
        if (pay) await attempt(() => payOrder({ ctx: ctx(client.actor), input: { orderId: order.id } }));
        m.services.push(...(await serviceIdsOf(order.id)));
      })),
    fc.nat().map((o) => step(`pay(${o})`, async (m) => {
      const orderId = pick(m.orders, o);
      if (!orderId) return;
      await attempt(() => payOrder({ ctx: ctx(admin), input: { orderId } }));
      for (const id of await serviceIdsOf(orderId)) if (!m.services.includes(id)) m.services.push(id);
    })),
    fc.nat().map((o) => step(`cancel order(${o})`, async (m) => {
      const orderId = pick(m.orders, o);
      if (orderId) await attempt(() => cancelOrder({ ctx: ctx(admin), input: { orderId } }));
    })),
    fc.nat().map((s) => step(`staff finish(${s})`, async (m) => staffFinish(pick(m.services, s)))),
    fc.nat().map((s) => step(`cancel set-up(${s})`, async (m) => {
      const serviceId = pick(m.services, s);
      if (serviceId) await attempt(() => cancelSetup({ ctx: ctx(admin), input: { serviceId } }));
    })),
    fc.tuple(fc.nat(), fc.constantFrom("full" as const, "pro_rata" as const)).map(([s, mode]) => step(`refund(${s}, ${mode})`, async (m) => {
      const serviceId = pick(m.services, s);
      if (serviceId) await attempt(() => refund({ ctx: ctx(admin), input: { serviceId, mode, reason: "model" } }));
    })),
    fc.tuple(fc.nat(), fc.constantFrom("now" as const, "period_end" as const)).map(([s, when]) => step(`close(${s}, ${when})`, async (m) => {
      const serviceId = pick(m.services, s);
      const service = serviceId ? (await db().select().from(services).where(eq(services.id, serviceId)))[0] : undefined;
      const owner = service && m.clients.find((c) => c.id === service.clientId);
      if (owner) await attempt(() => requestClose({ ctx: ctx(owner.actor), input: { serviceId: serviceId!, when } }));
    })),
    fc.nat().map((s) => step(`withdraw close(${s})`, async (m) => {
      const serviceId = pick(m.services, s);
      if (serviceId) await attempt(() => withdrawClose({ ctx: ctx(admin), input: { serviceId } }));
    })),
    fc.nat().map((s) => step(`renew(${s})`, async (m) => {
      const serviceId = pick(m.services, s);
      if (serviceId) await attempt(() => renewService({ ctx: ctx(admin), input: { serviceId } }));
    })),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 5000 }), fc.boolean()).map(([c, amount, up]) => step(`${up ? "top up" : "debit"}(${c}, ${amount})`, async (m) => {
      const client = pick(m.clients, c)!;
      await attempt(() => (up ? creditBalance({ ctx: ctx(admin), input: { clientId: client.id, amount } }) : debit({ ctx: ctx(admin), input: { clientId: client.id, amount, reason: "model" } })));
    })),
    fc.integer({ min: 1, max: 40 }).map((days) => step(`${days} days pass`, async () => {
      clock.advance(days * 86_400);
      await runRenewals(db(), { clock });
      await expireUnpaidOrders(db(), { clock });
    })),
  ];

  it("keeps money and services in step whatever happens", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands([...commands, commands[0]!, commands[3]!], { maxCommands: 25 }), async (cmds) => {
        const model: Model = { clients: [], orders: [], services: [] };
        for (const balance of [20_000, 0]) {
          const client = await createClient(db(), balance);
          model.clients.push({ id: client.id, actor: (await createUser(db(), "client", { clientId: client.id })).actor });
        }
        // Every run starts with two paid services being set up, one of each tariff.
        for (const tariffId of tariffIds) {
          const { order } = await createOrder({ ctx: ctx(model.clients[0]!.actor), input: { items: [{ tariffId, months: 1, params: {} }] } });
          await payOrder({ ctx: ctx(model.clients[0]!.actor), input: { orderId: order.id } });
          model.orders.push(order.id);
          model.services.push(...(await serviceIdsOf(order.id)));
        }
        await fc.asyncModelRun(() => ({ model, real: {} as Real }), cmds);
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? 12), seed: process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined, endOnFailure: true },
    );
    expect(await db().$count(clients)).toBeGreaterThan(0);
  }, 600_000);
});
