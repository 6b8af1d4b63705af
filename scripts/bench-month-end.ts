/**
 * The month's end as a phase of `npm run bench` (PostgreSQL): BENCH_MONTH_END (default 100,000)
 * live services fall due at the same moment, 80 % of them of clients whose balance pays the renewal,
 * 20 % of a client whose balance is empty. A worker process (scripts/worker.ts, as deployed) runs the
 * renewal sweep from its first look: charges and `prolong`s, unpaid renewal invoices, "renewal
 * failed" emails, suspensions carried out on the panel's simulator and their emails; new orders keep
 * arriving meanwhile. Prints `month_end_100k_s`, `month_end_rss_mb`, `month_end_new_order_p99_ms`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { Database } from "../lib/db";
import { rows } from "../lib/db/rows";
import { clients } from "../lib/db/schema";
import { createOrder } from "../lib/services/orders/create";
import { payOrder } from "../lib/services/orders/pay";
import { creditBalance } from "../lib/services/balance/credit";
import type { Ctx } from "../lib/services/context";
import { startRunner } from "../lib/processing/runner";
import { percentile } from "./bench-history";

type Print = (metric: string, value: number, unit: string) => void;
type Input = { database: Database; url: string; ctx: Ctx; tariffId: number; handlerId: number; price: number; print: Print };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let sites = 0;
const item = (tariffId: number) => ({ tariffId, months: 1, params: { domain: `month-end-${++sites}.example.test` } });

/** The worker as deployed, in its own process, on the bench's database. */
async function startWorker(url: string): Promise<{ child: ChildProcess; stop(): Promise<void>; peakRssMb(): number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "test", DATABASE_URL: url, LOG_LEVEL: "warn", METRICS_PORT: "" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("started") && resolve());
    child.once("exit", (code) => reject(new Error(`the worker exited (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // A bench that fails leaves no worker behind.
  process.once("exit", () => child.kill("SIGTERM"));
  return {
    child,
    // VmHWM: the process's peak resident set since it started.
    peakRssMb: () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0) / 1024,
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** One order of one service every `everyMs` while `running()`, paid at once; the paid moment per service. */
async function orderTrickle(ctx: Ctx, clientId: number, tariffId: number, everyMs: number, running: () => boolean) {
  const paid = new Map<number, number>();
  while (running()) {
    const { order } = await createOrder({ ctx, input: { clientId, items: [item(tariffId)] } });
    const done = await payOrder({ ctx, input: { orderId: order.id } });
    paid.set(done.services[0]!.id, Date.now());
    await sleep(everyMs);
  }
  return paid;
}

/** Payment → active (the open's completion, as the worker's clock wrote it) of the trickle's services, p99 in ms. */
async function payToActiveP99(database: Database, paid: Map<number, number>, until: number) {
  for (const end = Date.now() + until; Date.now() < end; await sleep(100)) {
    const [left] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from services where id = any(string_to_array(${[...paid.keys()].join(",")}, ',')::int[]) and status <> 'active'`);
    if (Number(left!.n) === 0) break;
  }
  const done = await rows<{ id: number; at: Date }>(
    database.db,
    sql`select service_id as id, finished_at as at from operations where kind = 'open' and status = 'done' and service_id = any(string_to_array(${[...paid.keys()].join(",")}, ',')::int[])`,
  );
  if (done.length < paid.size) throw new Error(`${paid.size - done.length} new orders were not opened`);
  return percentile(done.map((d) => new Date(d.at).getTime() - paid.get(Number(d.id))!), 99);
}

export async function monthEnd({ database, url, ctx, tariffId, handlerId, price, print }: Input, n: number) {
  const { db } = database;
  const unpaid = Math.round(n * 0.2);
  const paidCount = n - unpaid;
  // The unpaid fifth is set up for real (its users must be on the panel to be suspended there), by a
  // client credited exactly what its orders cost: its balance is empty when they fall due.
  const [poor] = await db.insert(clients).values({ name: "Month end, unpaid", email: "month-end-unpaid@provisio.test" }).returning();
  const [buyer] = await db.insert(clients).values({ name: "Month end, new orders", email: "month-end-new@provisio.test" }).returning();
  await creditBalance({ ctx, input: { clientId: poor!.id, amount: unpaid * price } });
  await creditBalance({ ctx, input: { clientId: buyer!.id, amount: 100_000_000 } });
  const [top] = await rows<{ id: number }>(db, sql`select coalesce(max(id), 0)::int as id from services`);
  const from = Number(top!.id) + 1;
  const setUp = performance.now();
  for (let left = unpaid; left > 0; left -= 20) {
    const { order } = await createOrder({ ctx, input: { clientId: poor!.id, items: Array.from({ length: Math.min(20, left) }, () => item(tariffId)) } });
    await payOrder({ ctx, input: { orderId: order.id } });
  }
  const runner = await startRunner(database, { outbox: false, syncs: false });
  for (;;) {
    const [r] = await rows<{ n: number }>(db, sql`select count(*)::int as n from services where client_id = ${poor!.id} and status = 'active'`);
    if (Number(r!.n) >= unpaid) break;
    await sleep(200);
  }
  await runner.stop();
  // The paid four fifths: ten services per client, each client holding two renewals' worth.
  const payers = Math.ceil(paidCount / 10);
  const [firstPayer] = await rows<{ id: number }>(
    db,
    sql`insert into clients (name, email, balance) select 'Month end ' || g, 'month-end-' || g || '@provisio.test', ${20 * price}::bigint
        from generate_series(1, ${payers}::int) g returning id`,
  );
  const payer0 = Number(firstPayer!.id);
  await db.execute(sql`insert into balance_entries (client_id, kind, amount, currency, balance_after, note)
    select id, 'credit', balance, currency, balance, 'month end bench' from clients where id between ${payer0} and ${payer0 + payers - 1}`);
  await db.execute(sql`insert into services (client_id, tariff_id, handler_id, product_type, status, remote_name, remote_id, months, created_at, updated_at, last_synced_at)
    select ${payer0}::int + (g - 1) / 10, ${tariffId}::int, ${handlerId}::int, 'hosting', 'active', 'me' || g, 'me' || g, 1, now() - interval '1 month', now(), now()
    from generate_series(1, ${paidCount}::int) g`);
  print("month_end_setup_s", (performance.now() - setUp) / 1000, "s");
  await db.execute(sql`vacuum (analyze) services, clients, balance_entries, operations`);

  // Idle: new orders against a worker with nothing else to do.
  let worker = await startWorker(url);
  let trickling = true;
  const idleTrickle = orderTrickle(ctx, buyer!.id, tariffId, 100, () => trickling);
  await sleep(5000);
  trickling = false;
  const idleP99 = await payToActiveP99(database, await idleTrickle, 30_000);
  // The same worker's peak while it only took new orders: what the month's end adds is the difference.
  const idleRss = worker.peakRssMb();
  await worker.stop();

  // Everything falls due now; a fresh worker's first look runs the renewal sweep.
  const due = new Date();
  await db.execute(sql`update services set expires_at = ${due.toISOString()}::timestamptz, last_synced_at = now()
    where id >= ${from} and (client_id = ${poor!.id} or client_id between ${payer0} and ${payer0 + payers - 1})`);
  worker = await startWorker(url);
  trickling = true;
  const trickle = orderTrickle(ctx, buyer!.id, tariffId, 100, () => trickling);
  // Done: every unpaid service suspended (the suspension's email is queued in its completion), every
  // paid one prolonged past the due moment (its email likewise), nothing of theirs still to run.
  for (;;) {
    const [r] = await rows<{ suspended: number; renewed: number; live: number }>(
      db,
      sql`select count(*) filter (where client_id = ${poor!.id} and status = 'suspended')::int as suspended,
                 count(*) filter (where client_id <> ${poor!.id} and expires_at > ${due.toISOString()}::timestamptz)::int as renewed,
                 (select count(*) from operations o where o.service_id >= ${from} and o.status in ('queued', 'running', 'waiting')
                    and o.service_id in (select id from services where client_id = ${poor!.id} or client_id between ${payer0} and ${payer0 + payers - 1}))::int as live
          from services where id >= ${from} and (client_id = ${poor!.id} or client_id between ${payer0} and ${payer0 + payers - 1})`,
    );
    if (Number(r!.suspended) >= unpaid && Number(r!.renewed) >= paidCount && Number(r!.live) === 0) break;
    await sleep(500);
  }
  const took = (Date.now() - due.getTime()) / 1000;
  trickling = false;
  const busyP99 = await payToActiveP99(database, await trickle, 30_000);
  const rss = worker.peakRssMb();
  await worker.stop();
  const [mail] = await rows<{ n: number }>(db, sql`select count(*)::int as n from email_outbox where service_id >= ${from} and (client_id = ${poor!.id} or client_id between ${payer0} and ${payer0 + payers - 1})`);
  // Where the time went: the sweep queues the prolongs and suspensions of a batch of services in one
  // transaction (created_at is its start), the runner then carries them out.
  const [spread] = await rows<{ sweep: number; after: number }>(
    db,
    sql`select extract(epoch from max(created_at) - ${due.toISOString()}::timestamptz)::float8 as sweep,
               extract(epoch from max(finished_at) - max(created_at))::float8 as after
        from operations where kind in ('prolong', 'suspend') and service_id >= ${from}
          and service_id in (select id from services where client_id = ${poor!.id} or client_id between ${payer0} and ${payer0 + payers - 1})`,
  );
  print("month_end_sweep_s", Number(spread!.sweep), "s");
  print("month_end_after_sweep_s", Number(spread!.after), "s");
  print("month_end_services", n, "services");
  print("month_end_100k_s", took, "s");
  print("month_end_rss_mb", rss, "MB");
  print("month_end_idle_rss_mb", idleRss, "MB");
  print("month_end_idle_order_p99_ms", idleP99, "ms");
  print("month_end_new_order_p99_ms", busyP99, "ms");
  print("month_end_emails", Number(mail!.n), "emails");
}
