import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { connect } from "@/lib/db/connect";
import { rows } from "@/lib/db/rows";
import { operations, services } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { startRunner } from "@/lib/processing/runner";
import { writeSettings } from "@/lib/settings";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay, sys, siteDomain } from "../helpers/factories";

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("condition not met in time");
}

describe("runner", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let tariffId: number;
  let clientId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id] })).id;
    clientId = (await createClient(database.db, 100_000_000)).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("is woken by the payment's commit, not by its next poll", async () => {
    const runner = await startRunner(database, { pollMs: 600_000, syncs: false });
    try {
      // the first look happens at start; from now on only a wake can make it look again
      await new Promise((r) => setTimeout(r, 200));
      const s = await orderAndPay(database.db, clientId, tariffId);
      await waitFor(async () => (await database.db.select().from(services).where(eq(services.id, s.id)))[0]!.status === "active", 20_000);
    } finally {
      await runner.stop();
    }
  });

  it("two workers share 200 operations and none runs twice", async () => {
    // On PostgreSQL the second worker has its own connections; PGlite has one connection per process.
    const second = database.url ? await connect({ kind: "postgres", url: database.url }) : database;
    const calls = sim.state.calls.length;
    const { order } = await createOrder({
      ctx: sys(database.db),
      input: { clientId, items: Array.from({ length: 20 }, () => ({ tariffId, months: 1, params: { domain: siteDomain() } })) },
    });
    const orderIds = [order.id];
    for (let i = 0; i < 9; i++) {
      const more = await createOrder({ ctx: sys(database.db), input: { clientId, items: Array.from({ length: 20 }, () => ({ tariffId, months: 1, params: { domain: siteDomain() } })) } });
      orderIds.push(more.order.id);
    }
    // a passing fault under load is retried in a second, not the default five minutes
    await writeSettings(database.db, { retryIntervalSeconds: 1 });
    const a = await startRunner(database, { concurrency: 16, syncs: false, outbox: false });
    const b = await startRunner(second, { concurrency: 16, syncs: false, outbox: false });
    try {
      for (const orderId of orderIds) await payOrder({ ctx: sys(database.db), input: { orderId } });
      await waitFor(async () => {
        const [r] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from operations where kind = 'open' and status = 'done'`);
        return Number(r!.n) >= 201;
      }, 170_000);
    } finally {
      await a.stop();
      await b.stop();
      if (second !== database) await second.close();
    }
    const creates = sim.state.calls.slice(calls).filter((c) => c.func === "user.add.finish");
    expect(creates).toHaveLength(200);
    expect(new Set(creates.map((c) => c.params.name)).size).toBe(200);
    // each operation finished exactly once: one successful attempt each
    const done = await rows<{ n: number; ops: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct operation_id)::int as ops from operation_attempts where outcome = 'done'`,
    );
    expect(done).toEqual([{ n: 201, ops: 201 }]);
    expect(a.processed() + b.processed()).toBeGreaterThanOrEqual(200);
    expect(a.processed()).toBeGreaterThan(0);
    expect(b.processed()).toBeGreaterThan(0);
    const open = await database.db.select().from(operations).where(eq(operations.status, "running"));
    expect(open).toHaveLength(0);
  }, 180_000);
});
