import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { balanceEntries, clients } from "../../db/schema";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { actorUserId, parseInput, requireAdmin, type Ctx } from "../context";

export const creditBalanceInput = z.object({
  clientId: z.number().int().positive().max(2_147_483_647),
  amount: z.number().int().positive().max(100_000_000),
  note: z.string().trim().max(500).default("Credit by admin"),
});

/** An admin credits a client's balance: ledger entry and running total in one transaction. */
export async function creditBalance({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(creditBalanceInput, input);
  return ctx.db.transaction(async (tx) => {
    const [client] = await tx
      .update(clients)
      .set({ balance: sql`${clients.balance} + ${data.amount}` })
      .where(eq(clients.id, data.clientId))
      .returning();
    if (!client) throw notFound("Client not found");
    const [entry] = await tx
      .insert(balanceEntries)
      .values({ clientId: client.id, kind: "credit", amount: data.amount, currency: client.currency, balanceAfter: client.balance, note: data.note, actorUserId: actorUserId(ctx.actor) })
      .returning();
    await audit(tx, ctx.actor, { action: "balance.credit", entity: "client", entityId: client.id, before: { balance: client.balance - data.amount }, after: { balance: client.balance } });
    return entry!;
  });
}
