import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { Conn, Db } from "../db";
import { rows } from "../db/rows";

export type HandlerChoice =
  | { kind: "handler"; handler: TakenHandler }
  /** Every possible handler is at its max running operations: try again shortly. */
  | { kind: "busy" }
  /** No enabled handler for a new service: the operation becomes a task at once. */
  | { kind: "none" };

/** The handler of an attempt, with the running slot it holds. */
export type TakenHandler = {
  id: number; module: string; connection: Record<string, unknown>; secrets: string | null; health: string; slot: number;
  /** The tariff's template on this handler's panel; null falls back to the tariff's own. */
  template?: string | null;
};

export type SlotLease = { handlerId: number; slot: number; leaseToken: string };

/** Handlers in the order they are tried: healthy first, then unknown, then the rest; then priority, then id. */
export const byPreference = (h: string) => sql.raw(`case ${h}.health when 'healthy' then 0 when 'unknown' then 1 else 2 end, ${h}.priority, ${h}.id`);

/** A slot row `s` of handler `h` that may be taken: within max running, its lease over or never given. */
export const freeSlot = (at: string) => sql`s.slot <= h.max_running and (s.lease_until is null or s.lease_until < ${at}::timestamptz)`;

/**
 * The handlers an operation may run on, in order: the one its service is bound to (enabled or
 * not), or for a new service the tariff's enabled handlers, healthy first, then priority (lower
 * first), then id.
 */
const candidates = (tariffId: number, boundHandlerId: number | null): SQL =>
  boundHandlerId !== null
    ? sql`select id from handlers where id = ${boundHandlerId}`
    : sql`select h.id from tariff_handlers th join handlers h on h.id = th.handler_id where th.tariff_id = ${tariffId} and h.enabled`;

/**
 * Takes a free running slot of the best candidate in one statement: the slot row (SKIP LOCKED, so
 * runners never queue on one row) gets the operation and its lease, the operation records the
 * handler (only while this runner holds its lease), a new service is bound to it, and the handler
 * comes back for the attempt. A slot is free when its lease is over, so a killed worker's slots
 * come back when their lease ends.
 */
async function takeSlot(db: Db, from: SQL, op: { id: number; leaseToken: string; serviceId: number }, now: Date): Promise<TakenHandler | null> {
  const at = now.toISOString();
  const [row] = await rows<TakenHandler>(
    db,
    sql`with pick as (
          select s.handler_id, s.slot from handler_slots s join handlers h on h.id = s.handler_id
          where s.handler_id in (${from}) and ${freeSlot(at)}
          order by ${byPreference("h")}, s.slot
          limit 1
          for update of s skip locked),
        op as (
          update operations set handler_id = (select handler_id from pick)
          where id = ${op.id} and lease_token = ${op.leaseToken} and status = 'running' and exists (select 1 from pick)
          returning id, lease_until),
        slot as (
          update handler_slots s set operation_id = op.id, lease_token = ${op.leaseToken}, lease_until = op.lease_until
          from pick, op where s.handler_id = pick.handler_id and s.slot = pick.slot
          returning s.handler_id, s.slot),
        bound as (
          update services set handler_id = (select handler_id from slot)
          where id = ${op.serviceId} and handler_id is null and exists (select 1 from slot))
        select h.id, h.module, h.connection, h.secrets, h.health, slot.slot,
          (select th.template from tariff_handlers th join services sv on sv.tariff_id = th.tariff_id
           where sv.id = ${op.serviceId} and th.handler_id = h.id) as template
        from slot join handlers h on h.id = slot.handler_id`,
  );
  return row ? { ...row, id: Number(row.id), slot: Number(row.slot) } : null;
}

/**
 * After a failed take: whether there is any candidate at all, and creates the slot rows a handler
 * lacks (a new handler, or a raised max running). Rows are always added as the whole series
 * 1..max, so the last one tells. One statement.
 */
async function checkCandidates(db: Db, from: SQL): Promise<{ any: boolean; added: boolean }> {
  const [row] = await rows<{ any: boolean; added: number }>(
    db,
    sql`with c as (${from}),
        added as (
          insert into handler_slots (handler_id, slot)
          select h.id, g from handlers h cross join lateral generate_series(1, h.max_running) g
          where h.id in (select id from c)
            and not exists (select 1 from handler_slots s where s.handler_id = h.id and s.slot = h.max_running)
          on conflict do nothing
          returning 1)
        select exists (select 1 from c) as any, (select count(*)::int from added) as added`,
  );
  return { any: Boolean(row?.any), added: Number(row?.added ?? 0) > 0 };
}

/** Gives a running slot back (fenced by its lease token, so a stale give-back frees nothing). */
export async function releaseSlot(conn: Conn, lease: SlotLease): Promise<void> {
  await conn.execute(giveBackSlot(lease));
}

export const giveBackSlot = (lease: SlotLease): SQL =>
  sql`update handler_slots set operation_id = null, lease_token = null, lease_until = null
      where handler_id = ${lease.handlerId} and slot = ${lease.slot} and lease_token = ${lease.leaseToken}`;

/** The running operations of a handler: its slots whose lease holds (for lists and metrics). */
export const slotsInUse = (handlerId: AnyColumn | SQL) =>
  sql<number>`(select count(*)::int from handler_slots s where s.handler_id = ${handlerId} and s.lease_until > now())`;

export async function selectHandler(
  db: Db,
  op: { id: number; leaseToken: string; serviceId: number },
  service: { tariffId: number; handlerId: number | null },
  now: Date,
): Promise<HandlerChoice> {
  const from = candidates(service.tariffId, service.handlerId);
  const handler = await takeSlot(db, from, op, now);
  if (handler) return { kind: "handler", handler };
  const check = await checkCandidates(db, from);
  if (!check.any) return { kind: "none" };
  // Slot rows may have just been added, by this call or by a runner that failed its first take at
  // the same moment: try once more before calling the handler busy.
  const retried = await takeSlot(db, from, op, now);
  if (retried) return { kind: "handler", handler: retried };
  return { kind: "busy" };
}
