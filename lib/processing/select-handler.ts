import { and, asc, eq, sql } from "drizzle-orm";
import type { Conn, Db } from "../db";
import { rows } from "../db/rows";
import { handlers, services, tariffHandlers } from "../db/schema";

export type HandlerChoice =
  | { kind: "handler"; handlerId: number }
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

/**
 * Takes one of a handler's running slots for a claimed operation in one statement: the handler's
 * counter goes up only while below its max, and the operation records the handler.
 */
async function takeSlot(db: Db, handlerId: number, op: { id: number; leaseToken: string }) {
  const taken = await rows<{ id: number }>(
    db,
    sql`with slot as (
          update handlers set running = running + 1
          where id = ${handlerId} and running < max_running returning id)
        update operations set handler_id = (select id from slot)
        where id = ${op.id} and lease_token = ${op.leaseToken} and status = 'running' and exists (select 1 from slot)
        returning id`,
  );
  return taken.length > 0;
}

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
  const ids = await candidates(db, service.tariffId, service.handlerId);
  if (ids.length === 0) return { kind: "none" };
  for (const handlerId of ids) {
    if (await takeSlot(db, handlerId, op)) {
      if (service.handlerId === null) {
        await db.update(services).set({ handlerId }).where(and(eq(services.id, op.serviceId), sql`${services.handlerId} is null`));
      }
      return { kind: "handler", handlerId };
    }
  }
  return { kind: "busy" };
}
