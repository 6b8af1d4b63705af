/**
 * `npm run bench`: paid orders against the ISPmanager simulator on the configured database
 * (PostgreSQL when DATABASE_URL is set, else in-memory PGlite). Prints one JSON object per line:
 * {"metric", "value", "unit"}. BENCH_SCALE (default 1) scales the number of orders.
 */
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { connect } from "../lib/db/connect";
import { migrateDatabase } from "../lib/db/migrate";
import { rows } from "../lib/db/rows";
import type { Database } from "../lib/db";
import { readDatabaseUrl } from "../lib/env";
import { services } from "../lib/db/schema";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { startRunner } from "../lib/processing/runner";
import { createOrder } from "../lib/services/orders/create";
import { payOrder } from "../lib/services/orders/pay";
import { creditBalance } from "../lib/services/balance/credit";
import { createHandler } from "../lib/services/handlers/create";
import { createTariff } from "../lib/services/tariffs/create";
import { clients } from "../lib/db/schema";
import type { Ctx } from "../lib/services/context";
import { notifyRoundtrip, operationsPageP95, percentile, seedHistory } from "./bench-history";
import { startSimulatorProcess } from "./bench-sim";
import { monthEnd } from "./bench-month-end";
import { twoWorkers } from "./bench-workers";

process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
// One log line per operation would drown the figures; LOG_LEVEL=info shows them.
process.env.LOG_LEVEL ??= "warn";
const scale = Number(process.env.BENCH_SCALE ?? 1);
const print = (metric: string, value: number, unit: string) =>
  console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));

async function openBenchDatabase(): Promise<{ database: Database; url?: string; drop(): Promise<void> }> {
  const url = readDatabaseUrl();
  if (!url) {
    const database = await connect({ kind: "pglite" });
    await migrateDatabase(database);
    return { database, drop: () => database.close() };
  }
  const name = `bench_scale_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await connect({ kind: "postgres", url: u.toString(), max: 40 });
  await migrateDatabase(database, u.toString());
  return {
    database,
    url: u.toString(),
    async drop() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * This process's CPU (user + system, every thread), in ms: from /proc/self/stat as for any process
 * on Linux (utime and stime, in clock ticks of 10 ms), else from process.cpuUsage().
 */
function processCpuMs(): number {
  try {
    // The fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
}

async function pgCeiling(database: Database, seconds = 3): Promise<number> {
  await database.db.execute(sql`create table bench_counter (id int primary key, n bigint not null default 0)`);
  await database.db.execute(sql`insert into bench_counter (id) select generate_series(1, 100)`);
  const until = Date.now() + seconds * 1000;
  let done = 0;
  const workers = Array.from({ length: database.kind === "postgres" ? 16 : 1 }, async () => {
    while (Date.now() < until) {
      await database.db.execute(sql`update bench_counter set n = n + 1 where id = ${1 + Math.floor(Math.random() * 100)}`);
      done++;
    }
  });
  const started = Date.now();
  await Promise.all(workers);
  return done / ((Date.now() - started) / 1000);
}

async function main() {
  const { database, url, drop } = await openBenchDatabase();
  const sim = await startSimulatorProcess();
  process.once("exit", () => sim.close());
  const ctx: Ctx = { db: database.db, actor: { type: "system" } };
  const concurrency = Number(process.env.PROCESSING_CONCURRENCY ?? 64);
  // A handler that can run as many operations as the runner takes at once.
  const handler = await createHandler({ ctx, input: { name: "bench", productType: "hosting", module: "ispmanager", maxRunning: Math.max(50, concurrency), connection: { url: sim.url, username: "admin", password: "secret" } } });
  const tariff = await createTariff({ ctx, input: { productType: "hosting", name: "Bench", template: "StarterPack", prices: [{ months: 1, price: 100 }], handlerIds: [handler.id] } });
  const [client] = await database.db.insert(clients).values({ name: "Bench", email: "bench@provisio.test" }).returning();
  await creditBalance({ ctx, input: { clientId: client!.id, amount: 100_000_000 } });
  let sites = 0;
  const order = async (count: number) => {
    const ids: number[] = [];
    for (let left = count; left > 0; left -= 20) {
      const items = Array.from({ length: Math.min(20, left) }, () => ({ tariffId: tariff.id, months: 1, params: { domain: `bench-${++sites}.example.test` } }));
      const { order } = await createOrder({ ctx, input: { clientId: client!.id, items } });
      ids.push(order.id);
    }
    return ids;
  };
  // Counts the bench's own services only (ids above the seeded history's), so the wait reads few rows.
  let countFrom = 0;
  const activeCount = async () => {
    const [r] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from services where id > ${countFrom} and status = 'active'`);
    return Number(r?.n ?? 0);
  };
  const waitActive = async (target: number) => {
    while ((await activeCount()) < target) await new Promise((r) => setTimeout(r, 20));
  };

  print("pg_ceiling_tx_per_s", await pgCeiling(database), "tx/s");
  print("notify_roundtrip_ms", await notifyRoundtrip(database, Math.round(200 * Math.min(1, scale)) || 20), "ms");

  // Latency: orders paid one by one while the runner works, pay commit → first request on the panel.
  // Each is paid once the one before it is finished, so the first request after a payment is its own.
  // The first orders warm the runner up (its connections prepare their statements, V8 compiles the
  // hot code) and are not counted, as a runner that has been up for a while has done all that.
  let runner = await startRunner(database, { outbox: false, syncs: false });
  const warmOrders = Math.round(40 * scale);
  const latencyOrders = Math.round(200 * scale);
  const paidAt: number[] = [];
  for (let i = 0; i < warmOrders + latencyOrders; i++) {
    const { order: o } = await createOrder({ ctx, input: { clientId: client!.id, items: [{ tariffId: tariff.id, months: 1, params: { domain: `bench-${++sites}.example.test` } }] } });
    await payOrder({ ctx, input: { orderId: o.id } });
    if (i >= warmOrders) paidAt.push(performance.timeOrigin + performance.now());
    while (runner.processed() <= i || runner.inFlight() > 0) await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 5));
  }
  await waitActive(warmOrders + latencyOrders);
  const callTimes = (await sim.state()).calls.map((c) => c.at).sort((a, b) => a - b);
  let next = 0;
  const latencies = paidAt.map((t) => {
    while (next < callTimes.length && callTimes[next]! < t) next++;
    return (callTimes[next] ?? t) - t;
  });
  print("pay_to_panel_p50_ms", percentile(latencies, 50), "ms");
  print("pay_to_panel_p99_ms", percentile(latencies, 99), "ms");
  await runner.stop();

  // Throughput: a backlog of paid services, then the runner with its default concurrency.
  // `metric` null: a warm-up run, not printed.
  const throughput = async (metric: string | null, slow: { slowMs?: number; slowChangeMs?: number }, count: number) => {
    await sim.setFaults({ slowMs: 0, slowChangeMs: 0, ...slow });
    const before = await activeCount();
    const n = Math.round(count * scale);
    for (const orderId of await order(n)) await payOrder({ ctx, input: { orderId } });
    // Statistics as autovacuum keeps them on a database that has been running: on the fresh one,
    // the plans cached while its tables held a few hundred rows were kept for the whole run (0 ms:
    // 377–394 operations a second without this, 463–470 with it, same minutes).
    await database.db.execute(sql`analyze`);
    const cpuBefore = processCpuMs();
    const started = performance.now();
    runner = await startRunner(database, { outbox: false, syncs: false, concurrency });
    // The runner's own counters tell when it has worked through the backlog, so the database is not
    // polled while it works (a count every 20 ms took a few percent of PostgreSQL's CPU); the count
    // then confirms every service is active (an operation put back as busy is claimed again).
    while (runner.processed() < n || runner.inFlight() > 0) await new Promise((r) => setTimeout(r, 2));
    await waitActive(before + n);
    if (metric) print(metric, n / ((performance.now() - started) / 1000), "ops/s");
    // The runner runs in this process; the bench's own share while it works is its 2 ms look at two counters.
    if (metric === "ops_per_s_panel_0ms") print("runner_cpu_ms_per_op", (processCpuMs() - cpuBefore) / n, "ms");
    await runner.stop();
  };
  // Steady state: a run of 1,000 lasted about a second on a fast machine, and the runner's start
  // (its first claim of a whole concurrency, its first completions) and the drain of its last round
  // were a fifth of it. A worker runs for days: 3,000 operations, as the history run below, after
  // an unmeasured run of 1,000 that warms the concurrent path up (V8 compiling the group commit
  // and the claim's handling, the pool's connections preparing their statements), as the latency
  // phase's warm-up orders do for the path of one operation. Without it the same code measured
  // 1,277–1,336 a second in the first run and 1,381–1,556 in a second one in the same process.
  const steady = 3000;
  await throughput(null, {}, Math.round(steady / 3));
  await throughput("ops_per_s_panel_0ms", {}, steady);
  // Two runners in two processes on the same backlog (scripts/bench-workers.ts): BENCH_TWO_WORKERS
  // operations (default 1,000 × BENCH_SCALE) after a third as many to warm up; BENCH_NO_TWO_WORKERS=1 skips it.
  const twoWorkerOps = Math.round(Number(process.env.BENCH_TWO_WORKERS ?? 1000 * scale));
  if (database.kind === "postgres" && url && twoWorkerOps > 0 && !process.env.BENCH_NO_TWO_WORKERS) {
    await sim.setFaults({ slowMs: 0, slowChangeMs: 0 });
    const backlog = async (n: number) => {
      const before = await activeCount();
      for (const orderId of await order(n)) await payOrder({ ctx, input: { orderId } });
      return before;
    };
    await twoWorkers({ database, url, sim, backlog, activeCount, print }, twoWorkerOps, Math.max(1, Math.round(twoWorkerOps / 3)));
  }
  // A panel that takes 200 ms to carry out each change (creating the user) and answers reads at once.
  // Ten whole rounds of the concurrency: with 600 the last round held 24 operations yet took its
  // full 200 ms, which alone capped the figure at 600 ÷ (10 × 0.2 s) = 300 instead of 320.
  const rounds = 10 * concurrency;
  await throughput("ops_per_s_panel_200ms", { slowChangeMs: 200 }, rounds);
  // Every answer 200 ms late: an open is three calls in a row (templates, create, read-back), so
  // this is bounded by concurrency ÷ 0.6 s.
  await throughput("ops_per_s_panel_200ms_every_call", { slowMs: 200 }, rounds);

  // Flat cost: the same 0 ms run on top of a history of finished operations and services.
  if (database.kind === "postgres" && !process.env.BENCH_NO_HISTORY) {
    const history = Math.round(Number(process.env.BENCH_HISTORY ?? 1_000_000));
    const seeded = performance.now();
    await seedHistory(database, { tariffId: tariff.id, handlerId: handler.id, clientId: client!.id, services: Math.round(history / 10), operations: history });
    print("history_seed_s", (performance.now() - seeded) / 1000, "s");
    print("history_operations", history, "operations");
    const [top] = await rows<{ id: number }>(database.db, sql`select max(id)::int as id from services`);
    countFrom = Number(top!.id);
    await throughput("ops_per_s_with_1m_history", {}, steady);
    const page = await operationsPageP95(ctx);
    print("ops_page_p95_ms_1m", page.p95, "ms");
    for (const [name, ms] of Object.entries(page.each)) print(`ops_page_${name}_p95_ms_1m`, ms, "ms");
  }
  const [check] = await database.db.select({ n: sql<number>`count(*)::int` }).from(services).where(sql`${services.status} = 'active' and ${services.remoteName} not like 'hist%'`);
  if (Number(check!.n) !== Object.keys((await sim.state()).users).length) throw new Error("panel users and active services differ");
  // The month's end: BENCH_MONTH_END services due at once (scripts/bench-month-end.ts); BENCH_MONTH_END=0 skips it.
  const monthEndServices = Number(process.env.BENCH_MONTH_END ?? 100_000);
  if (database.kind === "postgres" && url && monthEndServices > 0) {
    await sim.setFaults({ slowMs: 0, slowChangeMs: 0 });
    await monthEnd({ database, url, ctx, tariffId: tariff.id, handlerId: handler.id, price: 100, print }, monthEndServices);
  }
  sim.close();
  await drop();
  if (process.env.BENCH_NO_API) return;
  // Order creation through the REST API on `next start`, next to a route that does nothing.
  const api = spawnSync(process.execPath, ["--import", "tsx", "scripts/bench-api.ts"], { stdio: "inherit", env: process.env });
  if (api.status !== 0) throw new Error("the API benchmark failed");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
