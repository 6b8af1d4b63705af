import { check, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";

/**
 * The last invoice number given per seller and year. Numbers come from this row, locked by the
 * transaction that issues the invoice, so a rolled-back issue gives its number back (no gaps).
 */
export const invoiceCounters = pgTable(
  "invoice_counters",
  {
    seller: text().notNull(),
    year: integer().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.seller, t.year] }), check("invoice_counters_last_check", sql`${t.last} >= 0`)],
);
