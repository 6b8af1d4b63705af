import { and, eq, inArray } from "drizzle-orm";
import type { Conn } from "../db";
import { operations, services } from "../db/schema";
import { openOperationStatuses, type OperationKind } from "../vocabulary";
import { notifyRunners } from "./wake";

/**
 * Queues an operation for a service inside the caller's transaction. At most one operation of a
 * kind is active per service (a unique index): a second request returns the one already there.
 */
export async function enqueueOperation(
  conn: Conn,
  input: { serviceId: number; kind: OperationKind; params?: Record<string, unknown>; runAt?: Date },
): Promise<{ id: number; created: boolean }> {
  const [row] = await conn
    .insert(operations)
    .values({ serviceId: input.serviceId, kind: input.kind, params: input.params ?? {}, runAt: input.runAt ?? new Date() })
    .onConflictDoNothing()
    .returning({ id: operations.id });
  if (row) {
    if (input.kind !== "sync") await conn.update(services).set({ pending: input.kind }).where(eq(services.id, input.serviceId));
    await notifyRunners(conn);
    return { id: row.id, created: true };
  }
  const [existing] = await conn
    .select({ id: operations.id })
    .from(operations)
    .where(
      and(
        eq(operations.serviceId, input.serviceId),
        eq(operations.kind, input.kind),
        inArray(operations.status, [...openOperationStatuses]),
      ),
    );
  if (!existing) throw new Error(`operation ${input.kind} for service ${input.serviceId} could not be queued`);
  return { id: existing.id, created: false };
}
