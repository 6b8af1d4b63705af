import { check, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { createdAt, id, updatedAt } from "./_columns";

/**
 * Tax rates the admin configures, per country (ISO 3166-1 alpha-2) and, where a country taxes by
 * region (US states, Canadian provinces), per region; region '' is the whole country. Rates are in
 * basis points: 2000 = 20%, 550 = 5.5%. Issued invoices keep the rate on each line, so editing a
 * rate changes only invoices issued afterwards.
 */
export const taxRates = pgTable(
  "tax_rates",
  {
    id: id(),
    country: text().notNull(),
    region: text().notNull().default(""),
    /** The tax's name as printed on invoices: "VAT", "GST", "Sales tax". */
    name: text().notNull().default("VAT"),
    rateBp: integer().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("tax_rates_country_region_key").on(t.country, t.region),
    check("tax_rates_rate_check", sql`${t.rateBp} >= 0 and ${t.rateBp} <= 10000`),
  ],
);
