import { and, desc, ilike, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { clients } from "../../db/schema";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { page } from "../page";

export const listClientsInput = z.object({
  /** Part of the name, email or company. */
  q: z.string().trim().max(100).optional(),
  cursor: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
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
      services: sql<number>`(select count(*)::int from services s where s.client_id = ${clients.id})`,
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
  return { items: items.map((r) => ({ ...r, services: Number(r.services) })), nextCursor };
}

export type ClientSummary = Awaited<ReturnType<typeof listClients>>["items"][number];
