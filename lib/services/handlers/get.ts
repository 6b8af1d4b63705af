import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { departments, handlers } from "../../db/schema";
import { readableJson } from "../../crypto";
import { notFound } from "../../errors";
import { modules } from "../../modules/registry";
import { slotsInUse } from "../../processing/select-handler";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { moduleTitle } from "./list";
import { tariffsServedOnlyBy } from "./sole-handler-of";

export const handlerIdInput = z.object({ handlerId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * Keys of the secret connection fields that have a stored value (the values never leave the server);
 * none when the stored values were encrypted with another key: the admin types them again.
 */
export function storedSecretKeys(handler: typeof handlers.$inferSelect): string[] {
  const stored = readableJson<Record<string, unknown>>(handler.secrets) ?? {};
  return Object.keys(stored).filter((k) => stored[k] !== undefined && stored[k] !== "");
}

/**
 * One handler for its edit form: plain connection fields, which secret fields are set, and the
 * tariffs it is the last enabled handler of.
 */
export async function getHandler({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { handlerId } = parseInput(handlerIdInput, input);
  const [row] = await ctx.db
    .select({
      handler: handlers,
      departmentName: departments.name,
      services: sql<number>`(select count(*)::int from services s where s.handler_id = ${handlers.id} and s.status <> 'closed')`,
      running: slotsInUse(handlers.id),
    })
    .from(handlers)
    .leftJoin(departments, eq(departments.id, handlers.departmentId))
    .where(eq(handlers.id, handlerId));
  if (!row) throw notFound("Processing module not found");
  const { secrets: _secrets, ...handler } = row.handler;
  const module = modules[handler.module];
  return {
    ...handler,
    moduleTitle: moduleTitle(handler.module),
    departmentName: row.departmentName,
    services: Number(row.services),
    running: Number(row.running),
    secretsSet: storedSecretKeys(row.handler),
    /** Stored credentials that this installation's key cannot decrypt (encrypted with another key). */
    secretsUnreadable: readableJson(row.handler.secrets) === null,
    connectionFields: module?.connectionFields ?? [],
    canListTemplates: Boolean(module?.listTemplates),
    /** Tariffs left with no enabled handler if this one is disabled. */
    soleHandlerOf: await tariffsServedOnlyBy(ctx.db, handler.id),
  };
}

export type HandlerView = Awaited<ReturnType<typeof getHandler>>;
