import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { departments, handlers } from "../../db/schema";
import { productTypes } from "../../vocabulary";
import { modules } from "../../modules/registry";
import { slotsInUse } from "../../processing/select-handler";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const listHandlersInput = z
  .object({ productType: z.enum(productTypes).optional(), enabled: z.boolean().optional() })
  .default({});

export const moduleTitle = (kind: string) => modules[kind as keyof typeof modules]?.title ?? kind;

/** Handlers ("Processing modules") with their department, health and load; never their secrets. */
export async function listHandlers({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(listHandlersInput, input ?? {});
  const rows = await ctx.db
    .select({
      id: handlers.id,
      name: handlers.name,
      productType: handlers.productType,
      module: handlers.module,
      dataCenter: handlers.dataCenter,
      departmentId: handlers.departmentId,
      departmentName: departments.name,
      priority: handlers.priority,
      maxRunning: handlers.maxRunning,
      running: slotsInUse(handlers.id),
      enabled: handlers.enabled,
      health: handlers.health,
      healthMessage: handlers.healthMessage,
      healthCheckedAt: handlers.healthCheckedAt,
      services: sql<number>`(select count(*)::int from services s where s.handler_id = ${handlers.id} and s.status <> 'closed')`,
    })
    .from(handlers)
    .leftJoin(departments, eq(departments.id, handlers.departmentId))
    .where(
      and(
        data.productType ? eq(handlers.productType, data.productType) : undefined,
        data.enabled === undefined ? undefined : eq(handlers.enabled, data.enabled),
      ),
    )
    .orderBy(asc(handlers.productType), asc(handlers.priority), asc(handlers.id));
  return rows.map((r) => ({ ...r, running: Number(r.running), services: Number(r.services), moduleTitle: moduleTitle(r.module) }));
}

export type HandlerSummary = Awaited<ReturnType<typeof listHandlers>>[number];
