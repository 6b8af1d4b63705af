import { eq } from "drizzle-orm";
import { clients } from "../../db/schema";
import type { Ctx } from "../context";

/**
 * Why a signed-in client may not be able to buy what the store shows: a tariff is sold in one
 * currency and a client pays in its own (never converted). "none": no plan on sale is priced in the
 * client's currency; "some": only some are. Null for anyone else, or when every plan is.
 */
export type CurrencyNote = { kind: "none" | "some"; clientCurrency: string; sold: string[] };

export function currencyNote(clientCurrency: string | null, catalogCurrencies: readonly string[]): CurrencyNote | null {
  if (!clientCurrency || catalogCurrencies.length === 0) return null;
  const sold = [...new Set(catalogCurrencies)].sort();
  if (sold.length === 1 && sold[0] === clientCurrency) return null;
  return { kind: sold.includes(clientCurrency) ? "some" : "none", clientCurrency, sold: sold.filter((c) => c !== clientCurrency) };
}

/** The note for this request's client (a client user, or the client an admin supports). */
export async function storeCurrencyNote({ ctx, catalogCurrencies }: { ctx: Ctx; catalogCurrencies: readonly string[] }): Promise<CurrencyNote | null> {
  const clientId = ctx.actor.type === "user" || ctx.actor.type === "api_key" ? ctx.actor.clientId : null;
  if (!clientId) return null;
  const [client] = await ctx.db.select({ currency: clients.currency }).from(clients).where(eq(clients.id, clientId));
  return currencyNote(client?.currency ?? null, catalogCurrencies);
}
