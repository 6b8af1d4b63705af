import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import { clients, serviceSuspensions, services } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { suspensionReasons } from "../../vocabulary";
import { holdSuspension, liftSuspensions } from "../services/suspensions";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";

export const suspendClientInput = z.object({
  clientId: z.number().int().positive().max(2_147_483_647),
  /** true suspends the client, false lifts the suspension. */
  suspended: z.boolean(),
  /** Why (suspending only): recorded on every service it suspends. */
  reason: z.enum(suspensionReasons, { message: "Choose why the client is suspended" }).default("admin"),
  /** What the client is told, beside the reason. */
  note: z.string().trim().max(500).optional(),
});

/**
 * Suspends a client: every live service holds a client-wide reason (active ones get a `suspend`
 * operation, ones being set up are suspended when their set-up ends) and new orders are refused.
 * Lifting it lifts only that reason: a service is resumed when it holds no other (an abuse or
 * non-payment suspension stays), and suspends not started yet are cancelled with their tasks.
 */
export async function suspendClient({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(suspendClientInput, input);
  return ctx.db.transaction(async (tx) => {
    const [client] = await tx.select().from(clients).where(eq(clients.id, data.clientId)).for("update");
    if (!client) throw notFound("Client not found");
    if (Boolean(client.suspendedAt) === data.suspended) throw conflict(data.suspended ? "The client is already suspended" : "The client is not suspended");
    const at = now(ctx);
    const by = actorUserId(ctx.actor);
    const affected = await tx
      .select({ id: services.id, status: services.status })
      .from(services)
      .where(
        data.suspended
          ? and(eq(services.clientId, client.id), inArray(services.status, ["processing", "active", "suspended"]))
          : and(
              eq(services.clientId, client.id),
              inArray(services.id, tx.select({ id: serviceSuspensions.serviceId }).from(serviceSuspensions).where(and(eq(serviceSuspensions.scope, "client"), isNull(serviceSuspensions.liftedAt)))),
            ),
      )
      .orderBy(services.id)
      .for("update");
    const operationIds: number[] = [];
    for (const s of affected) {
      const { operationId } = data.suspended
        ? await holdSuspension(tx, s, { reason: data.reason, scope: "client", note: data.note, byUserId: by, at })
        : await liftSuspensions(tx, s, { scope: "client", byUserId: by, at });
      if (operationId !== null) operationIds.push(operationId);
    }
    await tx
      .update(clients)
      .set({ suspendedAt: data.suspended ? at : null, suspendedReason: data.suspended ? (data.note ?? null) : null })
      .where(eq(clients.id, client.id));
    await audit(tx, ctx.actor, {
      action: data.suspended ? "client.suspend" : "client.unsuspend",
      entity: "client",
      entityId: client.id,
      before: { suspendedAt: client.suspendedAt },
      after: { suspended: data.suspended, reason: data.suspended ? data.reason : null, note: data.note ?? null, serviceIds: affected.map((s) => s.id), operationIds },
    });
    return { clientId: client.id, suspended: data.suspended, operationIds };
  });
}
