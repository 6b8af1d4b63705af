import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { rows } from "../db/rows";
import { loadOperations } from "./load";

export type Claimed = { id: number; leaseToken: string };

/**
 * Takes up to `limit` due operations under a lease: queued or waiting ones whose time has come,
 * and running ones whose lease ran out (their worker died). SKIP LOCKED lets workers share.
 */
export async function claimOperations(
  db: Db,
  opts: { limit: number; now: Date; leaseMs: number; onlyId?: number },
): Promise<Claimed[]> {
  if (opts.limit <= 0) return [];
  const token = randomUUID();
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const only = opts.onlyId === undefined ? sql`` : sql`and id = ${opts.onlyId}`;
  const claimed = await rows<{ id: number }>(
    db,
    sql`update operations set status = 'running', lease_token = ${token}, lease_until = ${leaseUntil.toISOString()}::timestamptz,
          claims = claims + 1, handler_id = null, updated_at = ${opts.now.toISOString()}::timestamptz
        where id in (
          select id from operations
          where ((status in ('queued', 'waiting') and run_at <= ${opts.now.toISOString()}::timestamptz)
             or (status = 'running' and lease_until < ${opts.now.toISOString()}::timestamptz)) ${only}
          order by run_at, id
          limit ${opts.limit}
          for update skip locked)
        returning id`,
  );
  return claimed.map((r) => ({ id: Number(r.id), leaseToken: token }));
}

/** Claims due operations and loads them with their service, tariff and client in one more query. */
export async function claimAndLoad(db: Db, opts: Parameters<typeof claimOperations>[1]) {
  const claimed = await claimOperations(db, opts);
  const loaded = await loadOperations(db, claimed.map((c) => c.id));
  return claimed.map((lease) => ({ lease, loaded: loaded.find((l) => l.operation.id === lease.id) }));
}
