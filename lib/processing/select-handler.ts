import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import type { Conn, Db } from "../db";
import { rows } from "../db/rows";
import { handlers, tariffHandlers } from "../db/schema";

export type HandlerChoice =
  | { kind: "handler"; handler: Omit<HandlerRow, "taken"> }
  /** Every possible handler is at its max running operations: try again shortly. */
  | { kind: "busy" }
  /** No enabled handler for a new service: the operation becomes a task. */
  | { kind: "none" };

/**
 * Candidates for a service: the one it is bound to (enabled or not), or for a new service the
 * tariff's enabled handlers, healthy first, then priority (lower first), then id.
 */
async function candidates(db: Db, tariffId: number, boundHandlerId: number | null) {
  if (boundHandlerId !== null) return [boundHandlerId];
  const list = await db
    .select({ id: handlers.id })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(and(eq(tariffHandlers.tariffId, tariffId), eq(handlers.enabled, true)))
    .orderBy(sql`case ${handlers.health} when 'healthy' then 0 when 'unknown' then 1 else 2 end`, asc(handlers.priority), asc(handlers.id));
  return list.map((h) => h.id);
}

type HandlerRow = { id: number; module: string; connection: Record<string, unknown>; secrets: string | null; health: string; taken: boolean };

/**
 * Takes one of a handler's running slots for a claimed operation in one statement: the handler's
 * counter goes up only while below its max, the operation records the handler, a new service is
 * bound to it, and the handler row comes back for the attempt.
 */
async function takeSlot(db: Db, handler: number | SQL, op: { id: number; leaseToken: string; serviceId: number }) {
  const [row] = await rows<HandlerRow>(
    db,
    sql`with slot as (
          update handlers set running = running + 1
          where id = (${handler}) and running < max_running
          returning id, module, connection, secrets, health),
        op as (
          update operations set handler_id = (select id from slot)
          where id = ${op.id} and lease_token = ${op.leaseToken} and status = 'running' and exists (select 1 from slot)
          returning id),
        bound as (
          update services set handler_id = (select id from slot)
          where id = ${op.serviceId} and handler_id is null and exists (select 1 from op))
        select slot.*, exists (select 1 from op) as taken from slot`,
  );
  if (row && !row.taken) await releaseSlot(db, row.id);
  return row?.taken ? row : null;
}

/** The best enabled handler of a tariff with a free slot, as a subquery (one statement in the common case). */
const bestFree = (tariffId: number) => sql`
  select h.id from tariff_handlers th join handlers h on h.id = th.handler_id
  where th.tariff_id = ${tariffId} and h.enabled and h.running < h.max_running
  order by case h.health when 'healthy' then 0 when 'unknown' then 1 else 2 end, h.priority, h.id limit 1`;

/** Gives a slot back when an operation's attempt is recorded. */
export async function releaseSlot(conn: Conn, handlerId: number | null): Promise<void> {
  if (handlerId === null) return;
  await conn.execute(sql`update handlers set running = greatest(running - 1, 0) where id = ${handlerId}`);
}

/** Sets each handler's counter to the operations really running on it (after a worker died). */
export async function recountSlots(conn: Conn): Promise<void> {
  await conn.execute(sql`
    update handlers h set running = c.n
    from (select h2.id, (select count(*)::int from operations o where o.handler_id = h2.id and o.status = 'running') as n
          from handlers h2) c
    where h.id = c.id and h.running <> c.n`);
}

export async function selectHandler(
  db: Db,
  op: { id: number; leaseToken: string; serviceId: number },
  service: { tariffId: number; handlerId: number | null },
): Promise<HandlerChoice> {
  if (service.handlerId === null) {
    const handler = await takeSlot(db, bestFree(service.tariffId), op);
    if (handler) return { kind: "handler", handler };
  }
  const ids = await candidates(db, service.tariffId, service.handlerId);
  if (ids.length === 0) return { kind: "none" };
  for (const handlerId of ids) {
    const handler = await takeSlot(db, handlerId, op);
    if (handler) return { kind: "handler", handler };
  }
  return { kind: "busy" };
}
