import { and, desc, eq, getTableColumns, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import { clients, services, tariffs } from "../../db/schema";
import { serviceStatuses } from "../../vocabulary";
import { parseInput, type Ctx } from "../context";
import { listScope, pageInput } from "./scope";
import { page } from "../page";

export const listServicesInput = z.object({
  clientId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  status: z.union([z.enum(serviceStatuses), z.array(z.enum(serviceStatuses)).min(1)]).optional(),
  ...pageInput,
});
export type ListServicesInput = z.input<typeof listServicesInput>;

const { secrets: _secrets, ...publicColumns } = getTableColumns(services);
/** Every column of a service but its secrets, with the tariff's name. */
export const serviceSummaryColumns = { ...publicColumns, tariffName: tariffs.name };

export type ServiceSummary = Omit<typeof services.$inferSelect, "secrets"> & { tariffName: string };
/** A service in a list: its summary and its client's name. */
export type ServiceListItem = ServiceSummary & { clientName: string };

/**
 * Services, newest first, keyset-paginated by id: a client's own, or for staff one client's
 * (clientId) or everyone's, each with its client's name. Never carries secrets.
 */
export async function listServices({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<{ items: ServiceListItem[]; nextCursor: number | null }> {
  const data = parseInput(listServicesInput, input ?? {});
  const clientId = listScope(ctx.actor, data.clientId);
  const statuses = data.status === undefined ? undefined : [data.status].flat();
  const rows = await ctx.db
    .select({ ...serviceSummaryColumns, clientName: clients.name })
    .from(services)
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .where(
      and(
        clientId === undefined ? undefined : eq(services.clientId, clientId),
        statuses ? inArray(services.status, statuses) : undefined,
        data.cursor ? lt(services.id, data.cursor) : undefined,
      ),
    )
    .orderBy(desc(services.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}
