import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { rows } from "../db/rows";
import { clients, operations, services, tariffs } from "../db/schema";
import { fromJsonRow } from "./json-row";
import type { LoadedOperation } from "./load";

export type Claimed = { id: number; leaseToken: string };
export type ClaimOptions = { limit: number; now: Date; leaseMs: number; onlyId?: number };

/**
 * The claim: up to `limit` due operations taken under a lease: queued or waiting ones whose time has
 * come, and running ones whose lease ran out (their worker died). SKIP LOCKED lets workers share.
 * A service's operations run one at a time, in the order they were asked for: one whose service has
 * an earlier operation still queued, running or waiting is left for later (a suspend finishing after
 * a close would otherwise bring a closed service back as suspended).
 * Each kind is read in its index's order and stops after `limit` rows, so a claim costs the same with
 * ten due operations or a hundred thousand (an OR of the two would read and sort every due row).
 */
export function claimStatement(opts: ClaimOptions, token: string) {
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs);
  const only = opts.onlyId === undefined ? sql`` : sql`and o.id = ${opts.onlyId}`;
  const now = opts.now.toISOString();
  const first = sql`not exists (select 1 from operations e where e.service_id = o.service_id and e.id < o.id and e.status in ('queued', 'running', 'waiting'))`;
  return sql`with due as (
          select o.id, o.run_at from operations o
          where o.status in ('queued', 'waiting') and o.run_at <= ${now}::timestamptz ${only} and ${first}
          order by o.run_at, o.id limit ${opts.limit}
          for update skip locked),
        lost as (
          select o.id, o.run_at from operations o
          where o.status = 'running' and o.lease_until < ${now}::timestamptz ${only} and ${first}
          order by o.lease_until limit ${opts.limit}
          for update skip locked)
        update operations set status = 'running', lease_token = ${token}, lease_until = ${leaseUntil.toISOString()}::timestamptz,
          claims = claims + 1, handler_id = null, updated_at = ${now}::timestamptz
        where id in (select id from (select * from due union all select * from lost) taken order by run_at, id limit ${opts.limit})
        returning *`;
}

export async function claimOperations(db: Db, opts: ClaimOptions): Promise<Claimed[]> {
  if (opts.limit <= 0) return [];
  const token = randomUUID();
  const claimed = await rows<{ id: number }>(db, sql`with c as (${claimStatement(opts, token)}) select id from c`);
  return claimed.map((r) => ({ id: Number(r.id), leaseToken: token }));
}

/**
 * Claims due operations and returns them with their service, tariff and client, in one statement
 * (one round trip from the wake to the work).
 */
export async function claimAndLoad(db: Db, opts: ClaimOptions): Promise<{ lease: Claimed; loaded: LoadedOperation }[]> {
  if (opts.limit <= 0) return [];
  const token = randomUUID();
  const found = await rows<{ o: Record<string, unknown>; s: Record<string, unknown>; t: Record<string, unknown>; cl: Record<string, unknown> }>(
    db,
    sql`with c as (${claimStatement(opts, token)})
        select to_jsonb(c) as o, to_jsonb(s) as s, to_jsonb(t) as t, to_jsonb(cl) as cl
        from c join services s on s.id = c.service_id join tariffs t on t.id = s.tariff_id join clients cl on cl.id = s.client_id
        order by c.run_at, c.id`,
  );
  return found.map((r) => {
    const operation = fromJsonRow(operations, parse(r.o));
    return {
      lease: { id: operation.id, leaseToken: token },
      loaded: { operation, service: fromJsonRow(services, parse(r.s)), tariff: fromJsonRow(tariffs, parse(r.t)), client: fromJsonRow(clients, parse(r.cl)) },
    };
  });
}

/** PGlite and postgres.js both parse jsonb results; a string means a driver left it as text. */
const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as Record<string, unknown>;
