import { and, eq, gte, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { balanceEntries, clients } from "../db/schema";
import { notFound, unprocessable } from "../errors";
import type { BalanceEntryKind } from "../vocabulary";
import { formatMoneyIn } from "../i18n/format";

/** An amount in minor units in its currency, as people read it: "$99.00", "¥500". */
export function formatAmount(amount: number, currency: string): string {
  return formatMoneyIn("en", amount, currency);
}

export type Movement = {
  clientId: number;
  kind: BalanceEntryKind;
  /** Signed, in minor units: positive adds to the balance. */
  amount: number;
  note: string;
  at: Date;
  invoiceId?: number | null;
  reference?: string | null;
  actorUserId?: number | null;
};

/**
 * Moves a client's balance by one ledger entry in the caller's transaction. A taking that the
 * balance does not cover is refused (the balance is never negative); a reference already on the
 * ledger moves nothing and returns null.
 */
export async function moveBalance(tx: Tx, m: Movement) {
  if (m.reference) {
    const [seen] = await tx.select({ id: balanceEntries.id }).from(balanceEntries).where(eq(balanceEntries.reference, m.reference));
    if (seen) return null;
  }
  const [client] = await tx
    .update(clients)
    .set({ balance: sql`${clients.balance} + ${m.amount}` })
    .where(and(eq(clients.id, m.clientId), m.amount < 0 ? gte(clients.balance, -m.amount) : undefined))
    .returning({ balance: clients.balance, currency: clients.currency });
  if (!client) {
    const [found] = await tx.select({ balance: clients.balance, currency: clients.currency }).from(clients).where(eq(clients.id, m.clientId));
    if (!found) throw notFound("Client not found");
    throw unprocessable(`The balance (${formatAmount(found.balance, found.currency)}) does not cover ${formatAmount(-m.amount, found.currency)}`, {
      code: "insufficient_funds",
      balance: found.balance,
    });
  }
  const [entry] = await tx
    .insert(balanceEntries)
    .values({
      clientId: m.clientId, kind: m.kind, amount: m.amount, currency: client.currency, balanceAfter: client.balance,
      invoiceId: m.invoiceId ?? null, reference: m.reference ?? null, note: m.note, actorUserId: m.actorUserId ?? null, createdAt: m.at,
    })
    .returning();
  return entry!;
}
