import { asc, eq } from "drizzle-orm";
import { clients, invoiceLines as invoiceLinesTable, type InvoiceBuyer, type InvoiceSeller } from "../../db/schema";
import { buyerOf, sellerOf } from "../../billing/issue-invoice";
import { countryName } from "../../billing/contacts";
import { taxByRate } from "../../billing/tax";
import { notFound } from "../../errors";
import type { Ctx } from "../context";
import { getInvoice } from "./get";
import { invoiceLines, type InvoiceLine } from "./lines";
import { invoicePayment } from "./payment";

/** A party's details with its country named, for printing. */
function named<T extends { address: string[]; country: string | null }>(party: T) {
  return { ...party, countryName: party.country ? countryName(party.country) : null };
}

/**
 * An invoice as a document people keep: its stored lines (service period, net, tax rate and tax),
 * the tax per rate, subtotal, tax and total; the seller's and the buyer's details as they were at
 * issue; the payment and its reference once paid. Same access as getInvoice.
 */
export async function getInvoiceDocument({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const invoice = await getInvoice({ ctx, input });
  const [client] = await ctx.db.select().from(clients).where(eq(clients.id, invoice.clientId));
  if (!client) throw notFound("Client not found");
  const stored = await ctx.db.select().from(invoiceLinesTable).where(eq(invoiceLinesTable.invoiceId, invoice.id)).orderBy(asc(invoiceLinesTable.position), asc(invoiceLinesTable.id));
  // An invoice the previous release wrote during an upgrade has no stored lines: they are read from its order.
  const lines: InvoiceLine[] = stored.length ? stored : await invoiceLines(ctx.db, invoice);
  const buyer: InvoiceBuyer = invoice.buyer ?? buyerOf(client);
  const seller: InvoiceSeller = invoice.seller ?? (await sellerOf(ctx.db));
  return {
    invoice,
    lines,
    subtotal: invoice.subtotal ?? invoice.amount,
    // Every tax line but "none" (no tax applies, e.g. no rate set): a reverse charge or exemption prints its 0.
    taxes: taxByRate(lines).filter((g) => g.taxCategory !== "none"),
    seller: named(seller),
    buyer: { ...named(buyer), clientId: client.id },
    payment: await invoicePayment(ctx.db, invoice),
  };
}
export type InvoiceDocument = Awaited<ReturnType<typeof getInvoiceDocument>>;
