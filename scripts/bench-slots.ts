/**
 * `npx tsx scripts/bench-slots.ts`: three ways to keep "at most max running operations on a handler",
 * measured on PostgreSQL (DATABASE_URL) with 16 connections taking and giving back slots of ONE handler
 * as fast as they can. Prints JSON lines {"metric", "value", "unit"} in take-and-give-back pairs per
 * second. The figures behind the choice in docs/scale.md.
 */
import postgres from "postgres";

const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const seconds = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 16;
const MAX = 64;
const print = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));

async function measure(sql: postgres.Sql, pair: (sql: postgres.Sql, worker: number) => Promise<boolean>): Promise<number> {
  const until = Date.now() + seconds * 1000;
  let pairs = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, worker) => {
      while (Date.now() < until) if (await pair(sql, worker)) pairs++;
    }),
  );
  return pairs / ((performance.now() - started) / 1000);
}

async function main() {
  const name = `bench_scale_slots_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const sql = postgres(u.toString(), { max: CONNECTIONS, onnotice: () => {} });
  try {
    await sql.unsafe(`
      create table handlers (id int primary key, running int not null default 0, max_running int not null);
      insert into handlers values (1, 0, ${MAX});
      create table handler_slots (handler_id int, slot int, lease_token text, lease_until timestamptz, primary key (handler_id, slot));
      insert into handler_slots (handler_id, slot) select 1, g from generate_series(1, ${MAX}) g;
      create table ops (id int primary key, handler_id int, status text not null default 'queued');
      insert into ops (id) select generate_series(1, ${CONNECTIONS});
      create index ops_running on ops (handler_id) where status = 'running';`);

    // One counter on the handler's row: every take and every give-back update the same row.
    print("slots_counter_row_pairs_per_s", await measure(sql, async (db) => {
      const [row] = await db`update handlers set running = running + 1 where id = 1 and running < max_running returning id`;
      if (!row) return false;
      await db`update handlers set running = greatest(running - 1, 0) where id = 1`;
      return true;
    }), "pairs/s");

    // Counting the running operations inside the take: correct only under a per-handler lock, which serialises again.
    print("slots_count_under_lock_pairs_per_s", await measure(sql, async (db, worker) => {
      const taken = await db.begin(async (tx) => {
        await tx`select pg_advisory_xact_lock(1)`;
        const [row] = await tx`update ops set status = 'running', handler_id = 1 where id = ${worker + 1}
          and (select count(*) from ops where handler_id = 1 and status = 'running') < ${MAX} returning id`;
        return Boolean(row);
      });
      if (!taken) return false;
      await db`update ops set status = 'queued' where id = ${worker + 1}`;
      return true;
    }), "pairs/s");

    // Slot rows taken with SKIP LOCKED: takers spread over max_running rows.
    print("slots_rows_skip_locked_pairs_per_s", await measure(sql, async (db, worker) => {
      const token = `w${worker}`;
      const [row] = await db`update handler_slots s set lease_token = ${token}, lease_until = now() + interval '60 seconds'
        from (select handler_id, slot from handler_slots where handler_id = 1 and (lease_until is null or lease_until < now())
              order by slot limit 1 for update skip locked) pick
        where s.handler_id = pick.handler_id and s.slot = pick.slot returning s.slot`;
      if (!row) return false;
      await db`update handler_slots set lease_token = null, lease_until = null where handler_id = 1 and slot = ${row.slot} and lease_token = ${token}`;
      return true;
    }), "pairs/s");
  } finally {
    await sql.end();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
