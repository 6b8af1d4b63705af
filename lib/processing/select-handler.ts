import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { rows } from "../db/rows";
import { handlers, operations, services, tariffHandlers } from "../db/schema";

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
async function candidates(db: Db, serviceId: number, tariffId: number, boundHandlerId: number | null) {
  if (boundHandlerId !== null) return [boundHandlerId];
  const list = await db
    .select({ id: handlers.id })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(and(eq(tariffHandlers.tariffId, tariffId), eq(handlers.enabled, true)))
    .orderBy(sql`case ${handlers.health} when 'healthy' then 0 when 'unknown' then 1 else 2 end`, asc(handlers.priority), asc(handlers.id));
  void serviceId;
  return list.map((h) => h.id);
}

/** Takes a slot on a handler for a claimed operation, respecting its max running operations. */
async function takeSlot(db: Db, handlerId: number, op: { id: number; leaseToken: string; serviceId: number }, now: Date) {
  return db.transaction(async (tx) => {
    const [handler] = await rows<{ max_running: number }>(
      tx,
      sql`select max_running from handlers where id = ${handlerId} for update`,
    );
    if (!handler) return false;
    const [{ n }] = (await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from operations
          where handler_id = ${handlerId} and status = 'running' and lease_until > ${now.toISOString()}::timestamptz`,
    )) as [{ n: number }];
    if (Number(n) >= handler.max_running) return false;
    const taken = await tx
      .update(operations)
      .set({ handlerId })
      .where(and(eq(operations.id, op.id), eq(operations.leaseToken, op.leaseToken), eq(operations.status, "running")))
      .returning({ id: operations.id });
    if (taken.length === 0) return false;
    await tx
      .update(services)
      .set({ handlerId })
      .where(and(eq(services.id, op.serviceId), sql`${services.handlerId} is null`));
    return true;
  });
}

export async function selectHandler(
  db: Db,
  op: { id: number; leaseToken: string; serviceId: number },
  service: { tariffId: number; handlerId: number | null },
  now: Date,
): Promise<HandlerChoice> {
  const ids = await candidates(db, op.serviceId, service.tariffId, service.handlerId);
  if (ids.length === 0) return { kind: "none" };
  for (const handlerId of ids) {
    if (await takeSlot(db, handlerId, op, now)) return { kind: "handler", handlerId };
  }
  return { kind: "busy" };
}
