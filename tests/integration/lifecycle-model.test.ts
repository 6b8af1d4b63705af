import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { rows } from "@/lib/db/rows";
import { balanceEntries, clients, invoices, operations, orderItems, orders, serviceSuspensions, services, tariffs, tasks } from "@/lib/db/schema";
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
import { suspendClient } from "@/lib/services/clients/suspend";
import { suspendService } from "@/lib/services/services/suspend";
import { resumeService } from "@/lib/services/services/resume";
import { quoteChange } from "@/lib/services/services/quote-change";
import { changePlan } from "@/lib/services/services/change-plan";
import { changeAddons } from "@/lib/services/services/change-addons";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { sweepOperations } from "@/lib/processing/sweep";
import { writeSettings } from "@/lib/settings";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { suspensionReasons } from "@/lib/vocabulary";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, createUser, makeHandler, makeTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";

/**
 * Random sequences of client, admin, staff and job actions over a service's whole life (order, pay,
 * cancel, set-up done or cancelled, refund, debit, top-up, suspend and lift a service or a client,
 * change plan, add or remove add-ons, a change cancelled after it failed, renew with the balance short,
 * close now or at the end of the period, withdraw, renew, the panel failing, time passing with its
 * sweeps), on a Manual handler (staff do the work) and on ISPmanager (its simulator), checking after
 * every step that balances equal their ledgers, every live service leaves the admin an action, money
 * paid for a service (or a change of it) is matched by the service, a refund or a credit, never given
 * back twice, and a client's suspension holds every live service of that client and never resumes a
 * service that another reason still holds.
 */
describe("a service's life as random sequences of actions (model-based)", () => {
  let database: TestDatabase;
  let departmentId: number;
  let tariffIds: number[];
  let sim: IspmanagerSimulator;
  let domains = 0;
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
    // Hosting on a panel that can fail: two plans on the same ISPmanager, each with a disk add-on.
    sim = await startIspmanagerSimulator();
    const isp = await makeHandler(db(), { module: "ispmanager", departmentId, connection: { url: sim.url, username: "admin", password: "secret", timeoutMs: 2000 } });
    const starter = await makeTariff(db(), { handlerIds: [isp.id], price: 1000, template: "StarterPack" });
    const advanced = await makeTariff(db(), { handlerIds: [isp.id], price: 2000, template: "AdvancedPack" });
    tariffIds = [withRefund.id, without.id, starter.id, advanced.id];
    admin = (await createUser(db(), "admin")).actor;
    staff = (await createUser(db(), "staff", { departmentId })).actor;
    await writeSettings(db(), { retryIntervalSeconds: 60, maxAttempts: 2 });
  }, 60_000);
  afterAll(async () => {
    await sim?.close();
    await database.close();
  });
  const hosting = (tariffIndex: number) => tariffIndex >= 2;
  const paramsFor = (tariffIndex: number) => (hosting(tariffIndex) ? { domain: `model${++domains}.example.test` } : {});
  const serviceOf = async (serviceId: number) => (await db().select().from(services).where(eq(services.id, serviceId)))[0];
  const ownerOf = (m: Model, clientId: number) => m.clients.find((c) => c.id === clientId);
  const live = ["queued", "running", "waiting", "manual"] as const;

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
    // A plan or add-on change is paid for by the change: done or running, its credit and charge stand; cancelled after an upgrade, all of it came back.
    for (const op of await db().select().from(operations).where(eq(operations.kind, "change_tariff"))) {
      const [moved] = await db().select({ total: sql<string>`coalesce(sum(${balanceEntries.amount}), 0)` }).from(balanceEntries).where(sql`${balanceEntries.reference} like ${`plan:op:${op.id}:%`}`);
      const net = Number(op.params.credit ?? 0) - Number(op.params.charge ?? 0);
      if (op.status !== "cancelled") expect(Number(moved!.total), `change #${op.id} ${op.status}`).toBe(net);
      else if (net < 0) expect(Number(moved!.total), `cancelled change #${op.id}`).toBe(0);
    }
    for (const s of await db().select().from(services)) {
      // The plan and resources are those of the last change done, if any.
      const [changed] = await db().select().from(operations).where(and(eq(operations.serviceId, s.id), eq(operations.kind, "change_tariff"), eq(operations.status, "done"))).orderBy(desc(operations.finishedAt), desc(operations.id)).limit(1);
      if (changed) expect({ tariffId: s.tariffId, resources: s.resources }).toEqual({ tariffId: changed.params.tariffId, resources: changed.params.resources });
      if (!["processing", "active", "suspended"].includes(s.status)) continue;
      // Suspensions: a suspended client's live services hold its reason; a held service is not running and is not being resumed.
      const held = await db().select().from(serviceSuspensions).where(and(eq(serviceSuspensions.serviceId, s.id), isNull(serviceSuspensions.liftedAt)));
      const [client] = await db().select().from(clients).where(eq(clients.id, s.clientId));
      if (client!.suspendedAt) expect(held.some((h) => h.scope === "client"), `service #${s.id} of a suspended client`).toBe(true);
      const pending = await db().select({ kind: operations.kind }).from(operations).where(and(eq(operations.serviceId, s.id), inArray(operations.status, [...live])));
      if (held.length && s.status === "active") expect(pending.map((p) => p.kind), `held service #${s.id} is running`).toContain("suspend");
      if (held.length) expect(pending.map((p) => p.kind), `held service #${s.id} is being resumed`).not.toContain("resume");
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
    fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(1, 12), fc.boolean()).map(([c, t, months, pay]) =>
      step(`order(${c}, tariff ${t}, ${months} mo, pay ${pay})`, async (m) => {
        const client = pick(m.clients, c)!;
        const created = await createOrder({ ctx: ctx(client.actor), input: { items: [{ tariffId: tariffIds[t]!, months, params: paramsFor(t) }] } }).catch((e: unknown) => {
          if (e instanceof AppError && ["conflict", "unprocessable", "forbidden"].includes(e.code)) return null; // e.g. a suspended client orders nothing
          throw e;
        });
        if (!created) return;
        const { order } = created;
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
    fc.tuple(fc.nat(), fc.constantFrom(...suspensionReasons)).map(([s, reason]) => step(`suspend service(${s}, ${reason})`, async (m) => {
      const serviceId = pick(m.services, s);
      if (serviceId) await attempt(() => suspendService({ ctx: ctx(admin), input: { serviceId, reason } }));
    })),
    fc.nat().map((s) => step(`resume service(${s})`, async (m) => {
      const serviceId = pick(m.services, s);
      if (serviceId) await attempt(() => resumeService({ ctx: ctx(admin), input: { serviceId } }));
    })),
    fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom(...suspensionReasons)).map(([c, suspended, reason]) => step(`${suspended ? "suspend" : "lift"} client(${c}${suspended ? `, ${reason}` : ""})`, async (m) => {
      const client = pick(m.clients, c)!;
      await attempt(() => suspendClient({ ctx: ctx(admin), input: { clientId: client.id, suspended, ...(suspended ? { reason } : {}) } }));
    })),
    fc.tuple(fc.nat(), fc.nat(), fc.boolean()).map(([s, p, byAdmin]) => step(`change plan(${s}, choice ${p}, by ${byAdmin ? "admin" : "client"})`, async (m) => {
      const service = await serviceOf(pick(m.services, s) ?? 0);
      const owner = service && ownerOf(m, service.clientId);
      if (!service || !owner) return;
      const who = ctx(byAdmin ? admin : owner.actor);
      await attempt(async () => {
        const { choices } = await quoteChange({ ctx: who, input: { serviceId: service.id } });
        const choice = pick(choices, p);
        if (choice) await changePlan({ ctx: who, input: { serviceId: service.id, tariffId: choice.tariffId } });
      });
    })),
    fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10 }), fc.boolean()).map(([s, disk, byAdmin]) => step(`add-ons(${s}, disk +${disk}, by ${byAdmin ? "admin" : "client"})`, async (m) => {
      const service = await serviceOf(pick(m.services, s) ?? 0);
      const owner = service && ownerOf(m, service.clientId);
      if (service && owner) await attempt(() => changeAddons({ ctx: ctx(byAdmin ? admin : owner.actor), input: { serviceId: service.id, addons: { disk } } }));
    })),
    fc.nat().map((s) => step(`cancel a change(${s})`, async (m) => {
      const serviceId = pick(m.services, s);
      if (!serviceId) return;
      const [op] = await db().select({ id: operations.id }).from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "change_tariff"), inArray(operations.status, ["queued", "manual"])));
      if (op) await attempt(() => cancelOperation({ ctx: ctx(staff), input: { operationId: op.id } }));
    })),
    fc.nat().map((s) => step(`renew short of money(${s})`, async (m) => {
      const service = await serviceOf(pick(m.services, s) ?? 0);
      const owner = service && ownerOf(m, service.clientId);
      if (!service || !owner) return;
      const [client] = await db().select().from(clients).where(eq(clients.id, owner.id));
      if (client!.balance > 0) await debit({ ctx: ctx(admin), input: { clientId: owner.id, amount: client!.balance, reason: "model: short of money" } });
      const before = await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, owner.id));
      await attempt(() => renewService({ ctx: ctx(owner.actor), input: { serviceId: service.id } }));
      // Nothing was taken from an empty balance.
      expect((await db().select().from(clients).where(eq(clients.id, owner.id)))[0]!.balance).toBe(0);
      expect(await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, owner.id))).toHaveLength(before.length);
    })),
    fc.tuple(fc.integer({ min: 1, max: 4 }), fc.constantFrom("failNext" as const, "http500" as const)).map(([n, fault]) => step(`panel fails(${fault === "failNext" ? `next ${n}` : "HTTP 500"})`, async () => {
      sim.setFaults(fault === "failNext" ? { failNext: n } : { http500: true });
      try {
        await sweepOperations(db(), { clock });
      } finally {
        sim.setFaults({ failNext: 0, http500: false });
      }
    })),
    fc.integer({ min: 1, max: 40 }).map((days) => step(`${days} days pass`, async () => {
      clock.advance(days * 86_400);
      await runRenewals(db(), { clock });
      await expireUnpaidOrders(db(), { clock });
      await sweepOperations(db(), { clock });
    })),
  ];

  it("keeps money and services in step whatever happens", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands([...commands, commands[0]!, commands[3]!], { maxCommands: 30 }), async (cmds) => {
        const model: Model = { clients: [], orders: [], services: [] };
        for (const balance of [20_000, 0]) {
          const client = await createClient(db(), balance);
          model.clients.push({ id: client.id, actor: (await createUser(db(), "client", { clientId: client.id })).actor });
        }
        // Every run starts with four paid services being set up, one of each tariff.
        for (const [t, tariffId] of tariffIds.entries()) {
          const { order } = await createOrder({ ctx: ctx(model.clients[0]!.actor), input: { items: [{ tariffId, months: 1, params: paramsFor(t) }] } });
          await payOrder({ ctx: ctx(model.clients[0]!.actor), input: { orderId: order.id } });
          model.orders.push(order.id);
          model.services.push(...(await serviceIdsOf(order.id)));
        }
        await fc.asyncModelRun(() => ({ model, real: {} as Real }), cmds);
      }),
      { numRuns: Number(process.env.MODEL_RUNS ?? (database.url ? 15 : 6)), seed: process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : undefined, endOnFailure: true },
    );
    expect(await db().$count(clients)).toBeGreaterThan(0);
  }, 600_000);
});
