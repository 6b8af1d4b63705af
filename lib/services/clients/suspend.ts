import { and, eq, gt, isNull, or } from "drizzle-orm";
import { z } from "zod";
import { clients, services } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { enqueueOperation } from "../../processing/enqueue";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";

export const suspendClientInput = z.object({
  clientId: z.number().int().positive().max(2_147_483_647),
  /** true suspends the client, false lifts the suspension. */
  suspended: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

/**
 * Suspends a client: every active service gets a `suspend` operation (the engine does it on the
 * panel) and new orders are refused while suspended. Lifting it resumes the suspended services
 * that are still paid for (not expired).
 */
export async function suspendClient({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(suspendClientInput, input);
  return ctx.db.transaction(async (tx) => {
    const [client] = await tx.select().from(clients).where(eq(clients.id, data.clientId)).for("update");
    if (!client) throw notFound("Client not found");
    if (Boolean(client.suspendedAt) === data.suspended) throw conflict(data.suspended ? "The client is already suspended" : "The client is not suspended");
    const at = now(ctx);
    const affected = await tx
      .select({ id: services.id })
      .from(services)
      .where(
        data.suspended
          ? and(eq(services.clientId, client.id), eq(services.status, "active"))
          : and(eq(services.clientId, client.id), eq(services.status, "suspended"), or(isNull(services.expiresAt), gt(services.expiresAt, at))),
      )
      .for("update");
    const operationIds: number[] = [];
    for (const s of affected) operationIds.push((await enqueueOperation(tx, { serviceId: s.id, kind: data.suspended ? "suspend" : "resume" })).id);
    await tx
      .update(clients)
      .set({ suspendedAt: data.suspended ? at : null, suspendedReason: data.suspended ? (data.reason ?? null) : null })
      .where(eq(clients.id, client.id));
    await audit(tx, ctx.actor, {
      action: data.suspended ? "client.suspend" : "client.unsuspend",
      entity: "client",
      entityId: client.id,
      before: { suspendedAt: client.suspendedAt },
      after: { suspended: data.suspended, reason: data.reason ?? null, serviceIds: affected.map((s) => s.id), operationIds },
    });
    return { clientId: client.id, suspended: data.suspended, operationIds };
  });
}
