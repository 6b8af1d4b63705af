import { bigint, boolean, check, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { id } from "./_columns";
import { tariffs } from "./tariffs";

/** A resource of a tariff (disk, RAM, CPU, databases, ...). An add-on can be bought in extra units. */
export const tariffResources = pgTable(
  "tariff_resources",
  {
    id: id(),
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "cascade" }),
    key: text().notNull(),
    label: text().notNull(),
    unit: text().notNull().default(""),
    amount: integer().notNull(),
    addon: boolean().notNull().default(false),
    /** Most extra units a client may add. */
    maxExtra: integer().notNull().default(0),
    /** Price of one extra unit per month, minor units. */
    unitPrice: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    uniqueIndex("tariff_resources_key").on(t.tariffId, t.key),
    check("tariff_resources_amount_check", sql`${t.amount} >= 0 and ${t.maxExtra} >= 0 and ${t.unitPrice} >= 0`),
  ],
);
