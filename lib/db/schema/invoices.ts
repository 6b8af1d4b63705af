import { bigint, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { invoiceKinds, invoiceStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";
import { orders } from "./orders";
import { services } from "./services";

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
  },
  (t) => [
    check("invoices_status_check", oneOf(t.status, invoiceStatuses)),
    check("invoices_kind_check", oneOf(t.kind, invoiceKinds)),
    check("invoices_amount_check", sql`${t.amount} >= 0`),
    uniqueIndex("invoices_order_key").on(t.orderId),
    uniqueIndex("invoices_number_key").on(t.number),
    index("invoices_client_idx").on(t.clientId, t.id),
  ],
);
