import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { auditLog, clients, users } from "../../db/schema";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { page, idFilter, limitFilter, textFilter } from "../page";

export const listAuditInput = z.object({
  entity: textFilter(50).optional(),
  entityId: textFilter(50).optional(),
  actorUserId: idFilter().optional(),
  cursor: idFilter().optional(),
  limit: limitFilter(200, 50),
});

/**
 * The audit log, newest first: who changed what, with the values before and after. A change an
 * admin made while signed in as a client names the admin and the client.
 */
export async function listAudit({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(listAuditInput, input ?? {});
  const rows = await ctx.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      createdAt: auditLog.createdAt,
      actorUserId: auditLog.actorUserId,
      actorApiKeyId: auditLog.actorApiKeyId,
      actorName: users.name,
      actorEmail: users.email,
      onBehalfOfClientId: auditLog.onBehalfOfClientId,
      onBehalfOfClientName: clients.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(clients, eq(clients.id, auditLog.onBehalfOfClientId))
    .where(
      and(
        data.entity ? eq(auditLog.entity, data.entity) : undefined,
        data.entityId ? eq(auditLog.entityId, data.entityId) : undefined,
        data.actorUserId ? eq(auditLog.actorUserId, data.actorUserId) : undefined,
        data.cursor ? lt(auditLog.id, data.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}

export type AuditEntry = Awaited<ReturnType<typeof listAudit>>["items"][number];
