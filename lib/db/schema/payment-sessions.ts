import { bigint, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { paymentGateways, paymentSessionStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";
import { invoices } from "./invoices";
import { payments } from "./payments";

/**
 * A client's card payment started at a gateway (a Stripe Checkout session, or the demo gateway):
 * for an invoice, or to add funds. It becomes a payment when the gateway's signed event arrives.
 */
export const paymentSessions = pgTable(
  "payment_sessions",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    invoiceId: integer().references(() => invoices.id, { onDelete: "restrict" }),
    gateway: text({ enum: paymentGateways }).notNull(),
    /** The gateway's id of the session (Stripe `cs_…`); the payment's reference. */
    externalId: text().notNull(),
    paymentIntentId: text(),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    status: text({ enum: paymentSessionStatuses }).notNull().default("open"),
    /** Refunded so far, in minor units. */
    refunded: bigint({ mode: "number" }).notNull().default(0),
    failureReason: text(),
    paymentId: integer().references(() => payments.id, { onDelete: "restrict" }),
    createdAt: createdAt(),
    completedAt: at(),
  },
  (t) => [
    check("payment_sessions_gateway_check", oneOf(t.gateway, paymentGateways)),
    check("payment_sessions_status_check", oneOf(t.status, paymentSessionStatuses)),
    check("payment_sessions_amount_check", sql`${t.amount} > 0`),
    check("payment_sessions_refunded_check", sql`${t.refunded} >= 0 and ${t.refunded} <= ${t.amount}`),
    uniqueIndex("payment_sessions_external_key").on(t.externalId),
    uniqueIndex("payment_sessions_intent_key").on(t.paymentIntentId),
    index("payment_sessions_client_idx").on(t.clientId, t.id),
  ],
);
