import { bigint, check, integer, jsonb, pgTable } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { type OrderParams, periods } from "../../vocabulary";
import { id } from "./_columns";
import { oneOf } from "./_checks";
import { orders } from "./orders";
import { tariffs } from "./tariffs";

export const orderItems = pgTable(
  "order_items",
  {
    id: id(),
    orderId: integer().notNull().references(() => orders.id, { onDelete: "cascade" }),
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "restrict" }),
    months: integer().notNull(),
    /** Extra units per add-on resource key. */
    addons: jsonb().$type<Record<string, number>>().notNull().default({}),
    params: jsonb().$type<OrderParams>().notNull().default({}),
    price: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    check("order_items_months_check", oneOf(t.months, periods)),
    check("order_items_price_check", sql`${t.price} >= 0`),
  ],
);
