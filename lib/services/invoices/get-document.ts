import { eq } from "drizzle-orm";
import { clients } from "../../db/schema";
import { sellerDetails } from "../../billing/seller";
import { notFound } from "../../errors";
import type { Ctx } from "../context";
import { getInvoice } from "./get";
import { invoiceLines } from "./lines";

/**
 * An invoice as a document people keep: its lines (tariff, period, add-on units, domain), dates and
 * total, the seller's details and the client's as they are on file. Same access as getInvoice.
 */
export async function getInvoiceDocument({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const invoice = await getInvoice({ ctx, input });
  const [client] = await ctx.db.select().from(clients).where(eq(clients.id, invoice.clientId));
  if (!client) throw notFound("Client not found");
  const lines = await invoiceLines(ctx.db, invoice);
  const billTo = {
    id: client.id, name: client.name, company: client.company, email: client.email,
    address: [client.address, [client.postcode, client.city].filter(Boolean).join(" "), client.country].filter((l): l is string => Boolean(l)),
  };
  return { invoice, lines, seller: sellerDetails(), billTo };
}
export type InvoiceDocument = Awaited<ReturnType<typeof getInvoiceDocument>>;
