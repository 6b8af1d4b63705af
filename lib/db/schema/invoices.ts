import { bigint, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { invoiceKinds, invoiceStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";
import { orders } from "./orders";
import { services } from "./services";

export type InvoiceBuyer = {
  name: string; company: string | null; email: string; address: string[];
  /** ISO 3166-1 alpha-2; printed as the country's name. */
  country: string | null; region: string | null; taxId: string | null;
};
export type InvoiceSeller = { name: string; address: string[]; country: string | null; taxId: string | null; email: string | null };

export const invoices = pgTable(
  "invoices",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    kind: text({ enum: invoiceKinds }).notNull(),
    orderId: integer().references(() => orders.id, { onDelete: "restrict" }),
    serviceId: integer().references(() => services.id, { onDelete: "restrict" }),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    status: text({ enum: invoiceStatuses }).notNull().default("unpaid"),
    description: text().notNull().default(""),
    createdAt: createdAt(),
    paidAt: at(),
    /** The legal number, given once when the invoice is issued and never changed (a trigger refuses). */
    number: text(),
    issuedAt: at(),
    dueAt: at(),
    /** Sum of the lines' net amounts; null only on an invoice the previous release wrote during an upgrade (its amount is the total). */
    subtotal: bigint({ mode: "number" }),
    /** Sum of the lines' tax; `amount` is the total to pay (subtotal + tax). */
    taxAmount: bigint({ mode: "number" }).notNull().default(0),
    /** Whether the catalogue prices on this invoice included tax (the setting when it was issued). */
    pricesIncludeTax: boolean(),
    /** The legal mention printed under the totals: reverse charge, exemption, outside the scope. */
    taxNote: text(),
    /** The buyer's legal details as they were at issue (never the live profile). */
    buyer: jsonb().$type<InvoiceBuyer>(),
    /** The seller's legal details as they were at issue. */
    seller: jsonb().$type<InvoiceSeller>(),
    /** A renewal's period: the expiry it extends and its months (null on other invoices and older renewals). */
    renewalFor: at(),
    renewalMonths: integer(),
  },
  (t) => [
    check("invoices_status_check", oneOf(t.status, invoiceStatuses)),
    check("invoices_kind_check", oneOf(t.kind, invoiceKinds)),
    check("invoices_amount_check", sql`${t.amount} >= 0`),
    uniqueIndex("invoices_order_key").on(t.orderId),
    uniqueIndex("invoices_number_key").on(t.number),
    index("invoices_client_idx").on(t.clientId, t.id),
    /** One live renewal invoice per service and period: a job run again, or a client asking again, finds it. */
    uniqueIndex("invoices_renewal_key").on(t.serviceId, t.renewalFor).where(sql`${t.status} <> 'cancelled'`),
  ],
);
