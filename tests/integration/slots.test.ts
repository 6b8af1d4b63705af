import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { connect } from "@/lib/db/connect";
import type { Database } from "@/lib/db";
import { rows } from "@/lib/db/rows";
import { handlerSlots, operations, services } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { claimAndLoad } from "@/lib/processing/claim";
import { startRunner } from "@/lib/processing/runner";
import { selectHandler } from "@/lib/processing/select-handler";
import { runOperation } from "@/lib/processing/run-operation";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { updateHandler } from "@/lib/services/handlers/update";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, makeHandler, makeTariff, orderAndPay, sys, siteDomain } from "../helpers/factories";

async function waitFor(check: () => Promise<boolean>, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("condition not met in time");
}

/** Max running operations per handler, kept with slot rows taken under SKIP LOCKED. */
describe("handler slots", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let clientId: number;
  const db = () => database.db;
  const conn = (url: string) => ({ url, username: "admin", password: "secret" });

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    clientId = (await createClient(db(), 100_000_000)).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("runners on their own connections never run more than max running operations on one panel", async () => {
    const handler = await makeHandler(db(), { module: "ispmanager", maxRunning: 3, connection: conn(sim.url) });
    const tariff = await makeTariff(db(), { handlerIds: [handler.id] });
    sim.setFaults({ slowMs: 120 });
    // On PostgreSQL every runner has its own connections; PGlite has one connection per process, and one runner.
    const extra: Database[] = [];
    if (database.url) for (let i = 0; i < 3; i++) extra.push(await connect({ kind: "postgres", url: database.url, max: 8 }));
    const runners = await Promise.all([database, ...extra].map((d) => startRunner(d, { concurrency: 8, syncs: false, outbox: false, pollMs: 100 })));
    let peak = 0;
    let panelPeak = 0;
    let watching = true;
    // one look at a time: PGlite has a single connection, and piled-up looks would starve the runners
    const watch = (async () => {
      while (watching) {
        const [r] = await rows<{ ops: number; slots: number }>(
          db(),
          sql`select (select count(*)::int from operations where handler_id = ${handler.id} and status = 'running') as ops,
                     (select count(*)::int from handler_slots where handler_id = ${handler.id} and lease_until > now()) as slots`,
        );
        peak = Math.max(peak, Number(r!.ops));
        panelPeak = Math.max(panelPeak, Number(r!.slots));
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    try {
      for (let i = 0; i < 2; i++) {
        const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: Array.from({ length: 12 }, () => ({ tariffId: tariff.id, months: 1, params: { domain: siteDomain() } })) } });
        await payOrder({ ctx: sys(db()), input: { orderId: order.id } });
      }
      await waitFor(async () => {
        const [r] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from services where tariff_id = ${tariff.id} and status = 'active'`);
        return Number(r!.n) === 24;
      });
    } finally {
      watching = false;
      await watch;
      sim.setFaults({ slowMs: 0 });
      await Promise.all(runners.map((r) => r.stop()));
      for (const d of extra) await d.close();
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(3);
    expect(panelPeak).toBeLessThanOrEqual(3);
    // a busy handler put operations back without burning their attempts (or escalating them): each took exactly one
    const attempts = await rows<{ attempts: number; n: number }>(
      db(),
      sql`select o.attempts, count(*)::int as n from operations o join services s on s.id = o.service_id where s.tariff_id = ${tariff.id} group by o.attempts`,
    );
    expect(attempts.map((a) => ({ attempts: Number(a.attempts), n: Number(a.n) }))).toEqual([{ attempts: 1, n: 24 }]);
    const held = await db().select().from(handlerSlots).where(and(eq(handlerSlots.handlerId, handler.id), sql`${handlerSlots.leaseUntil} is not null`));
    expect(held).toEqual([]);
  }, 180_000);

  it("a slot held by a killed worker comes back when its lease ends; the busy operation keeps its attempts", async () => {
    const handler = await makeHandler(db(), { module: "ispmanager", maxRunning: 1, connection: conn(sim.url) });
    const tariff = await makeTariff(db(), { handlerIds: [handler.id] });
    const first = await orderAndPay(db(), clientId, tariff.id);
    const second = await orderAndPay(db(), clientId, tariff.id);
    const clock = testClock();
    const opOf = async (serviceId: number) => (await db().select().from(operations).where(eq(operations.serviceId, serviceId)))[0]!;

    // a worker claims the first operation, takes the only slot, and dies without a word
    const [dead] = await claimAndLoad(db(), { limit: 1, now: clock.now(), leaseMs: 5_000, onlyId: (await opOf(first.id)).id });
    const taken = await selectHandler(db(), { ...dead!.lease, serviceId: first.id }, dead!.loaded.service, clock.now());
    expect(taken.kind).toBe("handler");

    // another worker: the handler is busy, the operation goes back without an attempt
    const [busy] = await claimAndLoad(db(), { limit: 1, now: clock.now(), leaseMs: 5_000, onlyId: (await opOf(second.id)).id });
    await runOperation(db(), busy!.lease, { clock, loaded: busy!.loaded });
    expect(await opOf(second.id)).toMatchObject({ status: "queued", attempts: 0 });

    // once the dead worker's lease is over, its slot serves the next operation, and its own operation is taken again
    clock.advance(6);
    const [next] = await claimAndLoad(db(), { limit: 1, now: clock.now(), leaseMs: 60_000, onlyId: (await opOf(second.id)).id });
    await runOperation(db(), next!.lease, { clock, loaded: next!.loaded });
    expect(await opOf(second.id)).toMatchObject({ status: "done", attempts: 1, handlerId: handler.id });
    const [again] = await claimAndLoad(db(), { limit: 1, now: clock.now(), leaseMs: 60_000, onlyId: (await opOf(first.id)).id });
    expect(again!.loaded.operation.claims).toBe(2);
    await runOperation(db(), again!.lease, { clock, loaded: again!.loaded });
    expect((await db().select().from(services).where(eq(services.id, first.id)))[0]!.status).toBe("active");
    expect(Object.keys(sim.state.users)).toEqual(expect.arrayContaining([first.remoteName, second.remoteName]));
  });

  it("a raised max running adds slots, a lowered one stops using the slots above it", async () => {
    const handler = await makeHandler(db(), { module: "ispmanager", maxRunning: 1, connection: conn(sim.url) });
    const tariff = await makeTariff(db(), { handlerIds: [handler.id] });
    const services_ = [await orderAndPay(db(), clientId, tariff.id), await orderAndPay(db(), clientId, tariff.id), await orderAndPay(db(), clientId, tariff.id)];
    const clock = testClock();
    const claimed = await claimAndLoad(db(), { limit: 3, now: clock.now(), leaseMs: 60_000 });
    const mine = claimed.filter((c) => services_.some((s) => s.id === c.loaded.service.id));
    const take = (i: number) => selectHandler(db(), { ...mine[i]!.lease, serviceId: mine[i]!.loaded.service.id }, mine[i]!.loaded.service, clock.now());
    expect((await take(0)).kind).toBe("handler");
    expect((await take(1)).kind).toBe("busy");
    await updateHandler({ ctx: sys(db()), input: { handlerId: handler.id, maxRunning: 3 } });
    expect((await take(1)).kind).toBe("handler");
    await updateHandler({ ctx: sys(db()), input: { handlerId: handler.id, maxRunning: 2 } });
    expect((await take(2)).kind).toBe("busy");
    expect(await db().select().from(handlerSlots).where(eq(handlerSlots.handlerId, handler.id))).toHaveLength(3);
  });
});
