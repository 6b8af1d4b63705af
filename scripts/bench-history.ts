/**
 * Helpers of `npm run bench` for the flat-cost figures: a history of finished operations and
 * services seeded with generate_series (seconds, not minutes), the Current operations page's
 * queries timed through the real list verb, and the LISTEN/NOTIFY floor.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../lib/db";
import { rows } from "../lib/db/rows";
import { listOperations, listOperationsInput, operationsQuery } from "../lib/services/operations/list";
import type { Ctx } from "../lib/services/context";

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** `services` services of one tariff (a tenth closed) and `operations` finished operations spread over them, as years of work leave them. */
export async function seedHistory(database: Database, input: { tariffId: number; handlerId: number; clientId: number; services: number; operations: number }) {
  const { db } = database;
  const first = await rows<{ id: number }>(db, sql`select coalesce(max(id), 0)::int as id from services`);
  const from = Number(first[0]!.id) + 1;
  await db.execute(sql`insert into services (client_id, tariff_id, handler_id, product_type, status, remote_name, months, created_at, updated_at, last_synced_at)
    select ${input.clientId}::int, ${input.tariffId}::int, ${input.handlerId}::int, 'hosting', case when g % 10 = 0 then 'closed' else 'active' end,
           'hist' || g, 1, now() - interval '400 days', now(), now()
    from generate_series(1, ${input.services}::int) g`);
  for (let done = 0; done < input.operations; done += 250_000) {
    const n = Math.min(250_000, input.operations - done);
    await db.execute(sql`insert into operations (service_id, kind, status, attempts, claims, handler_id, done_by, created_at, updated_at, run_at, finished_at)
      select ${from}::int + (g % ${input.services}::int), (array['open','prolong','sync','sync','suspend','resume','sync'])[1 + g % 7],
             case when g % 200 = 0 then 'cancelled' else 'done' end, 1, 1, ${input.handlerId}::int, 'module',
             now() - make_interval(secs => (${input.operations}::int - g) * 30), now(), now(), now()
      from generate_series(${done + 1}::int, ${done + n}::int) g`);
  }
  await db.execute(sql`insert into operation_attempts (operation_id, number, handler_id, outcome, log, started_at, finished_at)
    select id, 1, handler_id, 'done', '', created_at, created_at from operations where status = 'done' and id % 10 = 0`);
  // Years of history are vacuumed as they accumulate: without this, autovacuum would start on the
  // million fresh rows during the measurement that follows.
  await db.execute(sql`vacuum (analyze) operations, operation_attempts, services`);
  // ...and long since written out: without this, the checkpoint that the seed's half a gigabyte of
  // WAL sets off runs during the measurement (seen here: 3.4 s of writes during a 3.7 s run). Needs
  // superuser or pg_checkpoint; without either the run goes on as before.
  await db.execute(sql`checkpoint`).catch(() => {});
}

/** p95 of the Current operations page: the first page, a filtered page and a deep keyset page, through the list verb. */
export async function operationsPageP95(ctx: Ctx, rounds = 20): Promise<{ p95: number; each: Record<string, number> }> {
  const [mid] = await rows<{ id: number }>(ctx.db, sql`select (max(id) / 2)::int as id from operations`);
  const pages: Record<string, Record<string, unknown>> = {
    first: {},
    filtered: { status: "done", kind: "prolong" },
    deep: { cursor: Number(mid!.id) },
    deepFiltered: { status: "done", cursor: Number(mid!.id) },
  };
  const all: number[] = [];
  const each: Record<string, number> = {};
  for (const [name, input] of Object.entries(pages)) {
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      const page = await listOperations({ ctx, input });
      times.push(performance.now() - started);
      if (page.items.length === 0) throw new Error(`the ${name} page is empty`);
    }
    each[name] = percentile(times, 95);
    if (process.env.BENCH_EXPLAIN) {
      const plan = await rows<Record<string, string>>(ctx.db, sql`explain analyze `.append(operationsQuery(ctx.db, listOperationsInput.parse(input)).getSQL()));
      process.stderr.write(`--- ${name}\n${plan.map((l) => Object.values(l)[0]).join("\n")}\n`);
    }
    all.push(...times);
  }
  return { p95: percentile(all, 95), each };
}

/**
 * The floor of a wake: from the commit of a transaction that sends a NOTIFY to a listener having
 * woken and finished one indexed SELECT (p50 over `count` rounds).
 */
export async function notifyRoundtrip(database: Database, count = 200): Promise<number> {
  const { db } = database;
  const times: number[] = [];
  let waiting: ((t: number) => void) | null = null;
  const unlisten = await database.listen("bench_floor", (payload) => {
    void rows(db, sql`select id, status from operations where id = ${Number(payload) || 1}`).then(() => waiting?.(performance.now()));
  });
  for (let i = 0; i < count; i++) {
    const woke = new Promise<number>((resolve) => (waiting = resolve));
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_notify('bench_floor', ${String(1 + i)})`);
    });
    const committed = performance.now();
    // Measured like pay_to_panel: from the moment the commit returned to the sender.
    times.push((await woke) - committed);
    await new Promise((r) => setTimeout(r, 2));
  }
  await unlisten();
  return percentile(times, 50);
}
