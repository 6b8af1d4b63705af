import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { rows } from "../db/rows";
import { clients, operations, services, tariffs } from "../db/schema";
import { fromJsonRow } from "./json-row";
import type { LoadedOperation } from "./load";
import { byPreference, freeSlot, type TakenHandler } from "./select-handler";

export type Claimed = { id: number; leaseToken: string };
export type ClaimOptions = { limit: number; now: Date; leaseMs: number; onlyId?: number };

/**
 * The claim's commit does not wait for its WAL to reach the disk (for this transaction only). A
 * claim lost in a crash of PostgreSQL leaves its operations as they were, due or with an older
 * lease, and they are claimed again: the same as a worker killed after its claim, which the modules
 * already meet by adopting, with proof, what an earlier try made. Nothing a person or a client sees
 * rests on a claim alone: the completion commits durably, and its flush carries the claim with it.
 * The flush it saves is the larger part of the time from a payment to the panel on a busy disk.
 */
const ASYNC_COMMIT = sql`set_config('synchronous_commit', 'off', true)`;

/**
 * The claim: up to `limit` due operations taken under a lease: queued or waiting ones whose time has
 * come, and running ones whose lease ran out (their worker died). SKIP LOCKED lets workers share.
 * A service's operations run one at a time, in the order they were asked for: one whose service has
 * an earlier operation still queued, running or waiting is left for later (a suspend finishing after
 * a close would otherwise bring a closed service back as suspended).
 * Each kind is read in its index's order and stops after `limit` rows, so a claim costs the same with
 * ten due operations or a hundred thousand (an OR of the two would read and sort every due row).
 * Two lanes: what a client waits for now (a paid set-up, a resume after payment, a plan change, a
 * domain's settings) is taken before the bulk of the month's end (prolongs, suspensions, closes,
 * syncs), so a new order never waits behind a hundred thousand renewals; within a lane, oldest first.
 */
export const firstLane = ["open", "resume", "change_tariff", "manage"] as const;
const FIRST = sql.raw(firstLane.map((k) => `'${k}'`).join(", "));

function pickedCtes(opts: ClaimOptions) {
  const only = opts.onlyId === undefined ? sql`` : sql`and o.id = ${opts.onlyId}`;
  const now = opts.now.toISOString();
  const first = sql`not exists (select 1 from operations e where e.service_id = o.service_id and e.id < o.id and e.status in ('queued', 'running', 'waiting'))`;
  return sql`due_first as (
          select o.id, o.run_at, 0 as lane from operations o
          where o.status in ('queued', 'waiting') and o.kind in (${FIRST}) and o.run_at <= ${now}::timestamptz ${only} and ${first}
          order by o.run_at, o.id limit ${opts.limit}
          for update skip locked),
        due as (
          select o.id, o.run_at, 1 as lane from operations o
          where o.status in ('queued', 'waiting') and o.kind not in (${FIRST}) and o.run_at <= ${now}::timestamptz ${only} and ${first}
          order by o.run_at, o.id limit ${opts.limit}
          for update skip locked),
        lost as (
          select o.id, o.run_at, 0 as lane from operations o
          where o.status = 'running' and o.lease_until < ${now}::timestamptz ${only} and ${first}
          order by o.lease_until limit ${opts.limit}
          for update skip locked),
        picked as (
          select id, lane from (select * from due_first union all select * from due union all select * from lost) taken
          where ${ASYNC_COMMIT} is not null
          order by lane, run_at, id limit ${opts.limit})`;
}

const leaseSet = (opts: ClaimOptions, token: string) =>
  sql`status = 'running', lease_token = ${token}, lease_until = ${new Date(opts.now.getTime() + opts.leaseMs).toISOString()}::timestamptz,
      claims = claims + 1, updated_at = ${opts.now.toISOString()}::timestamptz`;

export function claimStatement(opts: ClaimOptions, token: string) {
  return sql`with ${pickedCtes(opts)}
        update operations set ${leaseSet(opts, token)}, handler_id = null
        where id in (select id from picked)
        returning *`;
}

/**
 * The claim with a running slot for each operation whose first-choice handler (the one its service
 * is bound to, or the tariff's best enabled one) has a free slot, in the same statement: the slots
 * are taken with SKIP LOCKED and numbered per handler, so no two operations get one slot, and only
 * slots up to max running count. An operation without a slot here goes through selectHandler.
 */
function claimWithSlotsStatement(opts: ClaimOptions, token: string) {
  const now = opts.now.toISOString();
  const leaseUntil = new Date(opts.now.getTime() + opts.leaseMs).toISOString();
  return sql`with ${pickedCtes(opts)},
        want as (
          select p.id as op_id, p.lane, s.id as service_id, coalesce(s.handler_id, (
              select h.id from tariff_handlers th join handlers h on h.id = th.handler_id
              where th.tariff_id = s.tariff_id and h.enabled
              order by ${byPreference("h")} limit 1)) as handler_id
          from picked p join operations o on o.id = p.id join services s on s.id = o.service_id),
        numbered as (select w.*, row_number() over (partition by w.handler_id order by w.lane, w.op_id) as n from want w where w.handler_id is not null),
        free as (
          select s.handler_id, s.slot from handler_slots s join handlers h on h.id = s.handler_id
          where s.handler_id in (select handler_id from numbered) and ${freeSlot(now)}
          order by s.handler_id, s.slot
          limit (select count(*) from numbered)
          for update of s skip locked),
        free_numbered as (select f.*, row_number() over (partition by f.handler_id order by f.slot) as n from free f),
        assigned as (
          select w.op_id, w.service_id, f.handler_id, f.slot
          from numbered w join free_numbered f on f.handler_id = w.handler_id and f.n = w.n),
        c as (
          update operations o set ${leaseSet(opts, token)}, handler_id = a.handler_id
          from picked p left join assigned a on a.op_id = p.id
          where o.id = p.id
          returning o.*, a.slot as taken_slot),
        taken as (
          update handler_slots s set operation_id = a.op_id, lease_token = ${token}, lease_until = ${leaseUntil}::timestamptz
          from assigned a where s.handler_id = a.handler_id and s.slot = a.slot),
        bound as (
          update services s set handler_id = a.handler_id from assigned a where s.id = a.service_id and s.handler_id is null)
        select to_jsonb(c) as o, to_jsonb(s) as s, to_jsonb(t) as t, to_jsonb(cl) as cl,
               case when c.taken_slot is not null then jsonb_build_object('id', h.id, 'module', h.module, 'connection', h.connection,
                 'secrets', h.secrets, 'health', h.health, 'slot', c.taken_slot,
                 'template', (select th.template from tariff_handlers th where th.tariff_id = s.tariff_id and th.handler_id = h.id)) end as slot
        from c join services s on s.id = c.service_id join tariffs t on t.id = s.tariff_id join clients cl on cl.id = s.client_id
          left join handlers h on h.id = c.handler_id
        order by c.run_at, c.id`;
}

export async function claimOperations(db: Db, opts: ClaimOptions): Promise<Claimed[]> {
  if (opts.limit <= 0) return [];
  const token = randomUUID();
  const claimed = await rows<{ id: number }>(db, sql`with c as (${claimStatement(opts, token)}) select id from c`);
  return claimed.map((r) => ({ id: Number(r.id), leaseToken: token }));
}

/**
 * Claims due operations and returns them with their service, tariff and client, and a running slot
 * where one was free, in one statement: one round trip from the wake to the panel.
 */
export async function claimAndLoad(db: Db, opts: ClaimOptions): Promise<{ lease: Claimed; loaded: LoadedOperation }[]> {
  if (opts.limit <= 0) return [];
  const token = randomUUID();
  type Found = { o: Record<string, unknown>; s: Record<string, unknown>; t: Record<string, unknown>; cl: Record<string, unknown>; slot: unknown };
  const found = await rows<Found>(db, claimWithSlotsStatement(opts, token));
  return found.map((r) => {
    const operation = fromJsonRow(operations, parse(r.o));
    const slot = r.slot ? (parse(r.slot) as TakenHandler) : undefined;
    return {
      lease: { id: operation.id, leaseToken: token },
      loaded: {
        operation,
        service: fromJsonRow(services, parse(r.s)),
        tariff: fromJsonRow(tariffs, parse(r.t)),
        client: fromJsonRow(clients, parse(r.cl)),
        ...(slot ? { slot: { ...slot, id: Number(slot.id), slot: Number(slot.slot) } } : {}),
      },
    };
  });
}

/** PGlite and postgres.js both parse jsonb results; a string means a driver left it as text. */
const parse = (v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as Record<string, unknown>;
