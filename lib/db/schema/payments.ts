import { bigint, check, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { paymentMethods } from "../../vocabulary";
import { createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";

/** Money coming in for a client (a gateway payment or an admin credit); it lands on the balance. */
export const payments = pgTable(
  "payments",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    method: text({ enum: paymentMethods }).notNull(),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    /** The gateway's payment id: one payment per reference, however often it is delivered. */
    reference: text().notNull(),
    raw: jsonb().$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    check("payments_method_check", oneOf(t.method, paymentMethods)),
    check("payments_amount_check", sql`${t.amount} > 0`),
    uniqueIndex("payments_reference_key").on(t.reference),
  ],
);
