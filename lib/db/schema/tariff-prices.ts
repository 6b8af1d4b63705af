import { bigint, check, integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { periods } from "../../vocabulary";
import { oneOf } from "./_checks";
import { tariffs } from "./tariffs";

export const tariffPrices = pgTable(
  "tariff_prices",
  {
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "cascade" }),
    /** Period length in months. */
    months: integer().notNull(),
    price: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tariffId, t.months] }),
    check("tariff_prices_months_check", oneOf(t.months, periods)),
    check("tariff_prices_price_check", sql`${t.price} >= 0`),
  ],
);
