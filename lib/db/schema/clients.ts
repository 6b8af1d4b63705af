import { bigint, boolean, check, index, pgTable, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { at, createdAt, id } from "./_columns";

export const clients = pgTable(
  "clients",
  {
    id: id(),
    name: text().notNull(),
    email: text().notNull(),
    /** A new contact email waiting for the client to open the link sent to it; not used for anything until then. */
    pendingEmail: text(),
    company: text(),
    phone: text(),
    country: text(),
    city: text(),
    address: text(),
    postcode: text(),
    /** A state or province code where the country taxes by region (US, CA); else null. */
    region: text(),
    /** The buyer's tax id (an EU VAT number such as DE123456789), validated by its country's format. */
    taxId: text(),
    /** Set by an admin: invoices to this client carry no tax, with the reason as the legal mention. */
    taxExempt: boolean().notNull().default(false),
    taxExemptReason: text(),
    currency: text().notNull().default("USD"),
    /** The language the client reads: pages, emails, invoices (lib/i18n/locales.ts); null = the default. */
    locale: text(),
    /** Running total of balance_entries, kept in the same transaction; never negative. */
    balance: bigint({ mode: "number" }).notNull().default(0),
    /** Set while an admin has suspended the client: its services are suspended and new orders refused. */
    suspendedAt: at(),
    suspendedReason: text(),
    createdAt: createdAt(),
  },
  (t) => [
    check("clients_balance_check", sql`${t.balance} >= 0`),
    /** The admin's search box: prefixes of the email and the name, in any case. */
    index("clients_email_search_idx").using("btree", sql`lower(${t.email}) text_pattern_ops`),
    index("clients_name_search_idx").using("btree", sql`lower(${t.name}) text_pattern_ops`),
  ],
);
