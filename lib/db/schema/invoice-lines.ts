import { bigint, check, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { taxCategories } from "../../vocabulary";
import { at, id } from "./_columns";
import { oneOf } from "./_checks";
import { invoices } from "./invoices";
import { orderItems } from "./order-items";
import { services } from "./services";

export type InvoiceLineAddon = { label: string; units: number; unit: string };

/**
 * The lines of an issued invoice, written once with it and never recomputed: the amount before
 * tax (`net`), the tax rate applied (basis points) and its amount, and `total` = net + tax, all in
 * minor units of the invoice's currency. Tax is rounded per line (lib/billing/tax.ts); the
 * invoice's subtotal, tax and amount are the sums of its lines. A discount line has a negative net.
 */
export const invoiceLines = pgTable(
  "invoice_lines",
  {
    id: id(),
    invoiceId: integer().notNull().references(() => invoices.id, { onDelete: "restrict" }),
    position: integer().notNull().default(0),
    description: text().notNull(),
    /** The service period the line bills; null for a line without one. */
    periodStart: at(),
    periodEnd: at(),
    months: integer(),
    domain: text(),
    addons: jsonb().$type<InvoiceLineAddon[]>().notNull().default([]),
    orderItemId: integer().references(() => orderItems.id, { onDelete: "set null" }),
    serviceId: integer().references(() => services.id, { onDelete: "set null" }),
    net: bigint({ mode: "number" }).notNull(),
    /** standard (taxed at rateBp), reverse_charge, exempt (client exempt), none (outside the scope of tax). */
    taxCategory: text({ enum: taxCategories }).notNull().default("none"),
    taxName: text(),
    /** Basis points: 2000 = 20%. */
    taxRateBp: integer().notNull().default(0),
    taxAmount: bigint({ mode: "number" }).notNull().default(0),
    total: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    index("invoice_lines_invoice_idx").on(t.invoiceId, t.position),
    check("invoice_lines_total_check", sql`${t.total} = ${t.net} + ${t.taxAmount}`),
    check("invoice_lines_rate_check", sql`${t.taxRateBp} >= 0 and ${t.taxRateBp} <= 10000`),
    check("invoice_lines_tax_category_check", oneOf(t.taxCategory, taxCategories)),
  ],
);
