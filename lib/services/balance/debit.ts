import { z } from "zod";
import { moveBalance } from "../../billing/ledger";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";

export const debitInput = z.object({
  clientId: z.coerce.number().int().positive().max(2_147_483_647),
  amount: z.number().int().positive().max(100_000_000),
  reason: z.string().trim().min(1, "Give a reason").max(500),
});

/** An admin takes an amount from a client's balance: one adjustment entry with its reason; never below zero. */
export async function debit({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(debitInput, input);
  return ctx.db.transaction(async (tx) => {
    const entry = await moveBalance(tx, { clientId: data.clientId, kind: "adjustment", amount: -data.amount, note: data.reason, at: now(ctx), actorUserId: actorUserId(ctx.actor) });
    await audit(tx, ctx.actor, { action: "balance.debit", entity: "client", entityId: data.clientId, before: { balance: entry!.balanceAfter + data.amount }, after: { balance: entry!.balanceAfter, reason: data.reason } });
    return entry!;
  });
}
