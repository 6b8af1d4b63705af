import { and, count, desc, ilike, inArray, lt, or } from "drizzle-orm";
import { z } from "zod";
import { clients, services } from "../../db/schema";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { page, idFilter, limitFilter, textFilter } from "../page";

export const listClientsInput = z.object({
  /** Part of the name, email or company. */
  q: textFilter(100).optional(),
  cursor: idFilter().optional(),
  limit: limitFilter(200, 50),
});

const like = (q: string) => `%${q.replace(/[\\%_]/g, "\\$&")}%`;

/** Clients, newest first, keyset-paginated by id, with how many services each has. */
export async function listClients({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(listClientsInput, input ?? {});
  const rows = await ctx.db
    .select({
      id: clients.id,
      name: clients.name,
      email: clients.email,
      company: clients.company,
      currency: clients.currency,
      balance: clients.balance,
      createdAt: clients.createdAt,
      suspendedAt: clients.suspendedAt,
    })
    .from(clients)
    .where(
      and(
        data.q ? or(ilike(clients.name, like(data.q)), ilike(clients.email, like(data.q)), ilike(clients.company, like(data.q))) : undefined,
        data.cursor ? lt(clients.id, data.cursor) : undefined,
      ),
    )
    .orderBy(desc(clients.id))
    .limit(data.limit + 1);
  const { items, nextCursor } = page(rows, data.limit);
  const ids = items.map((c) => c.id);
  const counts = ids.length
    ? await ctx.db.select({ clientId: services.clientId, n: count() }).from(services).where(inArray(services.clientId, ids)).groupBy(services.clientId)
    : [];
  const byClient = new Map(counts.map((c) => [c.clientId, Number(c.n)]));
  return { items: items.map((r) => ({ ...r, services: byClient.get(r.id) ?? 0 })), nextCursor };
}

export type ClientSummary = Awaited<ReturnType<typeof listClients>>["items"][number];
