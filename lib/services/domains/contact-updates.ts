import { and, eq, inArray, isNotNull, notExists } from "drizzle-orm";
import type { Tx } from "../../db";
import { handlers, operations, services } from "../../db/schema";
import { getModule } from "../../modules/registry";
import { enqueueOperation } from "../../processing/enqueue";

/** The profile fields a registry holds as the domains' owner (RFC 5733 contact): a change to any is sent on. */
export const registrantFields = ["name", "email", "phone", "address", "city", "postcode", "country"] as const;

/**
 * After a client's profile changed, in its transaction: one `contact` change per registrar account that holds
 * the client's registered domains (the contact is the client's, shared by all its domains there), queued on a
 * domain with no other change running. Returns the operations queued.
 */
export async function queueContactUpdates(tx: Tx, clientId: number, at = new Date()): Promise<number[]> {
  const busy = tx.select({ id: operations.id }).from(operations)
    .where(and(eq(operations.serviceId, services.id), eq(operations.kind, "manage"), inArray(operations.status, ["queued", "running", "waiting", "manual"])));
  const rows = await tx
    .select({ id: services.id, handlerId: services.handlerId, module: handlers.module })
    .from(services)
    .innerJoin(handlers, eq(handlers.id, services.handlerId))
    .where(and(eq(services.clientId, clientId), eq(services.productType, "domain"), inArray(services.status, ["active", "suspended"]), isNotNull(services.handlerId), notExists(busy)))
    .orderBy(services.id);
  const queued: number[] = [];
  const done = new Set<number>();
  for (const row of rows) {
    if (row.handlerId === null || done.has(row.handlerId)) continue;
    if (!getModule(row.module).manages?.includes("contact")) continue;
    done.add(row.handlerId);
    queued.push((await enqueueOperation(tx, { serviceId: row.id, kind: "manage", params: { action: "contact" }, runAt: at })).id);
  }
  return queued;
}
