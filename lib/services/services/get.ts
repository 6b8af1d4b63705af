import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { addMonths } from "../../dates";
import { z } from "zod";
import { handlers, operations, serviceHistory, services, tariffResources, tariffs } from "../../db/schema";
import { notFound } from "../../errors";
import { isStaff, parseInput, type Ctx } from "../context";
import { serviceSummaryColumns } from "./list";
import { loadOwnService } from "./load-own";
import { renewalQuote } from "./renew";
import { renewalOffer } from "./renewal-quote";

export const getServiceInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * One service with its tariff's name, resources with their labels, history, recent operations and
 * the price of a renewal (each period sold, and an unpaid renewal invoice). Never secrets (only whether it has any). Another client's service is 404.
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
  // Clients read the history in their words only: staff notes, and lines meant for staff alone (empty message), stay inside.
  const staff = isStaff(ctx.actor);
  const history = (await ctx.db
    .select({ id: serviceHistory.id, fromStatus: serviceHistory.fromStatus, toStatus: serviceHistory.toStatus, message: serviceHistory.message, staffNote: serviceHistory.staffNote, createdAt: serviceHistory.createdAt })
    .from(serviceHistory)
    .where(and(eq(serviceHistory.serviceId, serviceId), staff ? undefined : ne(serviceHistory.message, "")))
    .orderBy(desc(serviceHistory.id))).map((h) => (staff ? h : { ...h, staffNote: null }));
  const ops = await ctx.db
    .select({ id: operations.id, kind: operations.kind, status: operations.status, createdAt: operations.createdAt, finishedAt: operations.finishedAt })
    .from(operations)
    .where(eq(operations.serviceId, serviceId))
    .orderBy(desc(operations.id))
    .limit(50);
  const quote = (row.status === "active" || row.status === "suspended") && row.pending !== "close" ? await renewalQuote(ctx.db, row) : null;
  const renewal = quote && row.expiresAt ? { ...quote, newExpiry: addMonths(row.expiresAt, quote.months) } : null;
  const [closing] = await ctx.db
    .select({ status: operations.status, attempts: operations.attempts, runAt: operations.runAt })
    .from(operations)
    .where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "close"), inArray(operations.status, ["queued", "running", "waiting", "manual"])));
  const close = closing ? { withdrawable: (closing.status === "queued" || closing.status === "manual") && closing.attempts === 0, at: closing.runAt } : null;
  // Staff see the processing module by name; clients never see which one serves them.
  const [handler] = staff && service.handlerId ? await ctx.db.select({ id: handlers.id, name: handlers.name }).from(handlers).where(eq(handlers.id, service.handlerId)) : [];
  return { ...service, resources, history, operations: ops, renewal, ...(await renewalOffer(ctx.db, row)), close, handler: handler ?? null };
}

export type ServiceDetail = Awaited<ReturnType<typeof getService>>;
