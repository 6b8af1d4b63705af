import type { Ctx } from "../context";
import { clientCurrencyOf } from "../../billing/price-list";

/**
 * Why a signed-in client sees fewer plans than are on sale: a client buys in its own currency
 * (never converted), and a plan with no price in it is not offered to it. "none": no plan on sale
 * has a price in the client's currency; "some": `hidden` of them have none. Null for anyone else,
 * or when every plan has one.
 */
export type CurrencyNote = { kind: "none" | "some"; clientCurrency: string; hidden: number; sold: string[] };

export function currencyNote(clientCurrency: string | null, onSale: readonly { currencies: readonly string[] }[]): CurrencyNote | null {
  if (!clientCurrency || onSale.length === 0) return null;
  const hidden = onSale.filter((t) => !t.currencies.includes(clientCurrency));
  if (hidden.length === 0) return null;
  const sold = [...new Set(hidden.flatMap((t) => t.currencies))].sort();
  return { kind: hidden.length === onSale.length ? "none" : "some", clientCurrency, hidden: hidden.length, sold };
}

/** The currency this request's client buys in (a client user or its API key); null for anyone else. */
export async function viewerCurrency(ctx: Ctx): Promise<string | null> {
  const clientId = ctx.actor.type === "user" || ctx.actor.type === "api_key" ? ctx.actor.clientId : null;
  return clientId ? clientCurrencyOf(ctx.db, clientId) : null;
}
