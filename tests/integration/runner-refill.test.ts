import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { rows } from "@/lib/db/rows";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { startRunner } from "@/lib/processing/runner";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, siteDomain, sys } from "../helpers/factories";

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/**
 * A backlog keeps the runner full when its operations finish in a wave: completions written together
 * (one commit) resolve together, and every slot they free is refilled at once, not at the next poll.
 */
describe("runner refill after a wave of completions", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let tariffId: number;
  let clientId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const handler = await makeHandler(database.db, { module: "ispmanager", maxRunning: 64, connection: { url: sim.url, username: "admin", password: "secret" } });
    // Healthy already: a success writes nothing more after its completion, so a wave finishes in one go.
    await database.db.execute(sql`update handlers set health = 'healthy' where id = ${handler.id}`);
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id] })).id;
    clientId = (await createClient(database.db, 100_000_000)).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  const active = async () => Number((await rows<{ n: number }>(database.db, sql`select count(*)::int as n from services where status = 'active'`))[0]!.n);

  it("a second wave starts as soon as the first one's completions are written together", async () => {
    const count = 128;
    for (let i = 0; i < count; i += 16) {
      const { order } = await createOrder({ ctx: sys(database.db), input: { clientId, items: Array.from({ length: 16 }, () => ({ tariffId, months: 1, params: { domain: siteDomain() } })) } });
      await payOrder({ ctx: sys(database.db), input: { orderId: order.id } });
    }
    // On PostgreSQL, a second session holds back every completion (they write the service's
    // history) until the whole first wave has its answers: all 64 then complete in one go.
    const holder = database.url ? postgres(database.url, { max: 1, onnotice: () => {} }) : null;
    const held = holder?.reserve();
    const session = await held;
    await session?.unsafe("begin; lock table service_history in share mode");
    // The poll is ten minutes away: only a refill on completion can finish the work within the wait below,
    // which is long enough for a loaded machine.
    const runner = await startRunner(database, { concurrency: 64, pollMs: 600_000, outbox: false, syncs: false });
    try {
      if (session) {
        expect(await waitFor(() => Object.keys(sim.state.users).length === 64, 120_000)).toBe(true);
        await new Promise((r) => setTimeout(r, 500));
        expect(await active()).toBe(0);
        await session.unsafe("commit");
      }
      // A refill that waited for the poll would leave the second wave unstarted for ten minutes.
      expect(await waitFor(async () => (await active()) === count, 180_000)).toBe(true);
      expect(runner.processed()).toBe(count);
      expect(Object.keys(sim.state.users)).toHaveLength(count);
    } finally {
      session?.release();
      await holder?.end();
      await runner.stop();
    }
  }, 300_000);

  it("operations sent back because their panel was busy are claimed again when due, not at the poll", async () => {
    // One place on the panel, eight in the runner: the claim takes all five, four find the panel busy.
    const one = await makeHandler(database.db, { module: "ispmanager", maxRunning: 1, connection: { url: sim.url, username: "admin", password: "secret" } });
    const oneTariff = (await makeTariff(database.db, { handlerIds: [one.id] })).id;
    const before = await active();
    const { order } = await createOrder({ ctx: sys(database.db), input: { clientId, items: Array.from({ length: 5 }, () => ({ tariffId: oneTariff, months: 1, params: { domain: siteDomain() } })) } });
    await payOrder({ ctx: sys(database.db), input: { orderId: order.id } });
    const runner = await startRunner(database, { concurrency: 8, pollMs: 600_000, outbox: false, syncs: false });
    try {
      expect(await waitFor(async () => (await active()) === before + 5, 120_000)).toBe(true);
    } finally {
      await runner.stop();
    }
  }, 200_000);

  it("a lone freed place is refilled at once while the rest of the runner waits on a slow panel", async () => {
    // Fifteen operations hang on a panel that takes 30 s to create a user; two go to a fast one.
    // With a concurrency of 16 a refill waits for two free places, and the second place would
    // only free in 30 s: the first one must not wait for it.
    const slow = await startIspmanagerSimulator();
    slow.setFaults({ slowChangeMs: 30_000 });
    try {
      const slowHandler = await makeHandler(database.db, { module: "ispmanager", maxRunning: 64, connection: { url: slow.url, username: "admin", password: "secret" } });
      const slowTariff = (await makeTariff(database.db, { handlerIds: [slowHandler.id] })).id;
      const before = await active();
      const pay = async (tariff: number, n: number) => {
        const { order } = await createOrder({ ctx: sys(database.db), input: { clientId, items: Array.from({ length: n }, () => ({ tariffId: tariff, months: 1, params: { domain: siteDomain() } })) } });
        await payOrder({ ctx: sys(database.db), input: { orderId: order.id } });
      };
      await pay(slowTariff, 15);
      await pay(tariffId, 2);
      const runner = await startRunner(database, { concurrency: 16, pollMs: 120_000, outbox: false, syncs: false });
      try {
        expect(await waitFor(async () => (await active()) === before + 2, 25_000)).toBe(true);
        expect(Object.keys(slow.state.users)).toHaveLength(0);
      } finally {
        // Closing the slow panel fails its hanging requests, so the runner can stop.
        await slow.close();
        await runner.stop();
      }
    } finally {
      await slow.close().catch(() => {});
    }
  }, 60_000);
});
