import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Conn } from "../db";
import { clients } from "../db/schema";
import { unprocessable } from "../errors";

const iso4217 = new Set(Intl.supportedValuesOf("currency"));

/** An ISO 4217 currency code (as the runtime knows them), upper-cased. */
export const currencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => iso4217.has(c), "Use an ISO 4217 currency code, such as USD, EUR or JPY");

/** The words for a price in another currency than the client's balance. */
export function currencyMismatch(what: string, currency: string, clientCurrency: string) {
  return unprocessable(`${what} is priced in ${currency}, but this account pays in ${clientCurrency}: choose a tariff priced in ${clientCurrency}.`, {
    code: "currency_mismatch",
    currency,
    clientCurrency,
  });
}

/**
 * Money moves only in the client's own currency: an order, payment or renewal in another one is
 * refused (never converted 1:1).
 */
export async function requireClientCurrency(conn: Conn, clientId: number, currency: string, what: string): Promise<void> {
  const [client] = await conn.select({ currency: clients.currency }).from(clients).where(eq(clients.id, clientId));
  if (client && client.currency !== currency) throw currencyMismatch(what, currency, client.currency);
}
