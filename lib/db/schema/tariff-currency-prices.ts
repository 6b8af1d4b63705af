import { bigint, check, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { periods } from "../../vocabulary";
import { oneOf } from "./_checks";
import { tariffs } from "./tariffs";

/**
 * A tariff's price per period in a currency other than its own (`tariffs.currency`, whose prices
 * stay in `tariff_prices`, read by the previous release). Minor units of `currency`.
 */
export const tariffCurrencyPrices = pgTable(
  "tariff_currency_prices",
  {
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "cascade" }),
    currency: text().notNull(),
    months: integer().notNull(),
    price: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tariffId, t.currency, t.months] }),
    check("tariff_currency_prices_months_check", oneOf(t.months, periods)),
    check("tariff_currency_prices_price_check", sql`${t.price} >= 0`),
  ],
);

/** An add-on's monthly unit price in another currency; an add-on without one is not offered in it. */
export const tariffCurrencyAddonPrices = pgTable(
  "tariff_currency_addon_prices",
  {
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "cascade" }),
    currency: text().notNull(),
    key: text().notNull(),
    unitPrice: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tariffId, t.currency, t.key] }),
    check("tariff_currency_addon_prices_price_check", sql`${t.unitPrice} >= 0`),
  ],
);
