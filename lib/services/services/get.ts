import { asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { operations, serviceHistory, services, tariffResources, tariffs } from "../../db/schema";
import { notFound } from "../../errors";
import { parseInput, type Ctx } from "../context";
import { serviceSummaryColumns } from "./list";
import { loadOwnService } from "./load-own";
import { renewalQuote } from "./renew";

export const getServiceInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * One service with its tariff's name, resources with their labels, history, recent operations and
 * the price of a renewal. Never secrets (only whether it has any). Another client's service is 404.
 */
export async function getService({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId } = parseInput(getServiceInput, input);
  const row = await loadOwnService(ctx.db, ctx.actor, serviceId);
  const [service] = await ctx.db
    .select({ ...serviceSummaryColumns, hasSecrets: sql<boolean>`${services.secrets} is not null` })
    .from(services)
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .where(eq(services.id, serviceId));
  if (!service) throw notFound("Service not found");
  const labels = await ctx.db.select().from(tariffResources).where(eq(tariffResources.tariffId, service.tariffId)).orderBy(asc(tariffResources.id));
  const resources = Object.entries(service.resources).map(([key, amount]) => {
    const r = labels.find((l) => l.key === key);
    return { key, label: r?.label ?? key, unit: r?.unit ?? "", amount };
  });
  const history = await ctx.db
    .select({ id: serviceHistory.id, fromStatus: serviceHistory.fromStatus, toStatus: serviceHistory.toStatus, message: serviceHistory.message, createdAt: serviceHistory.createdAt })
    .from(serviceHistory)
    .where(eq(serviceHistory.serviceId, serviceId))
    .orderBy(desc(serviceHistory.id));
  const ops = await ctx.db
    .select({ id: operations.id, kind: operations.kind, status: operations.status, createdAt: operations.createdAt, finishedAt: operations.finishedAt })
    .from(operations)
    .where(eq(operations.serviceId, serviceId))
    .orderBy(desc(operations.id))
    .limit(50);
  const renewal = row.status === "active" || row.status === "suspended" ? await renewalQuote(ctx.db, row) : null;
  return { ...service, resources, history, operations: ops, renewal };
}

export type ServiceDetail = Awaited<ReturnType<typeof getService>>;
