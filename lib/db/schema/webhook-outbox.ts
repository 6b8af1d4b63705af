import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { outboxStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { webhookEndpoints } from "./webhook-endpoints";

export const webhookOutbox = pgTable(
  "webhook_outbox",
  {
    id: id(),
    endpointId: integer().notNull().references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: text().notNull(),
    /** One delivery per endpoint and event occurrence (e.g. "service.active:op:12"). */
    dedupeKey: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text({ enum: outboxStatuses }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    runAt: at().notNull().defaultNow(),
    leaseUntil: at(),
    lastError: text(),
    responseStatus: integer(),
    createdAt: createdAt(),
    deliveredAt: at(),
  },
  (t) => [
    check("webhook_outbox_status_check", oneOf(t.status, outboxStatuses)),
    uniqueIndex("webhook_outbox_dedupe_key").on(t.endpointId, t.dedupeKey),
    index("webhook_outbox_due_idx").on(t.status, t.runAt),
  ],
);
