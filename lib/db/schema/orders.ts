import { bigint, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { orderStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";

export const orders = pgTable(
  "orders",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    status: text({ enum: orderStatuses }).notNull().default("unpaid"),
    total: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    /** A client's own key for a checkout: the same key never makes a second order. */
    idempotencyKey: text(),
    createdAt: createdAt(),
    paidAt: at(),
  },
  (t) => [
    check("orders_status_check", oneOf(t.status, orderStatuses)),
    check("orders_total_check", sql`${t.total} >= 0`),
    uniqueIndex("orders_idempotency_key").on(t.clientId, t.idempotencyKey),
    index("orders_client_idx").on(t.clientId, t.id),
  ],
);
