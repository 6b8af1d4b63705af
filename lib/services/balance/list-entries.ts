import { and, desc, eq, getTableColumns, lt } from "drizzle-orm";
import { z } from "zod";
import { balanceEntries } from "../../db/schema";
import { parseInput, type Ctx } from "../context";
import { listScope, pageInput } from "../services/scope";
import { page, idFilter } from "../page";

export const listBalanceEntriesInput = z.object({
  clientId: idFilter().optional(),
  ...pageInput,
});

export type BalanceEntry = Omit<typeof balanceEntries.$inferSelect, "actorUserId">;

/** The balance ledger, newest first, keyset-paginated by id: a client's own, or for staff any client's. */
export async function listBalanceEntries({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<{ items: BalanceEntry[]; nextCursor: number | null }> {
  const data = parseInput(listBalanceEntriesInput, input ?? {});
  const clientId = listScope(ctx.actor, data.clientId);
  const { actorUserId: _actor, ...columns } = getTableColumns(balanceEntries);
  const rows = await ctx.db
    .select(columns)
    .from(balanceEntries)
    .where(and(clientId === undefined ? undefined : eq(balanceEntries.clientId, clientId), data.cursor ? lt(balanceEntries.id, data.cursor) : undefined))
    .orderBy(desc(balanceEntries.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}
