import { check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { emailTransports, outboxStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";
import { services } from "./services";

/** Emails to send; a row sent through the local transport is the local mailbox. */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: id(),
    /** Makes a second enqueue of the same email a no-op (e.g. "welcome:op:12"). */
    dedupeKey: text().notNull(),
    to: text().notNull(),
    subject: text().notNull(),
    template: text().notNull(),
    /** Template props as AES-256-GCM encrypted JSON: they may carry passwords. */
    props: text().notNull(),
    /** The recipient's language when queued; null (rows from before) renders in the default. */
    locale: text(),
    clientId: integer().references(() => clients.id, { onDelete: "set null" }),
    serviceId: integer().references(() => services.id, { onDelete: "set null" }),
    status: text({ enum: outboxStatuses }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    runAt: at().notNull().defaultNow(),
    leaseUntil: at(),
    lastError: text(),
    transport: text({ enum: emailTransports }),
    providerId: text(),
    createdAt: createdAt(),
    sentAt: at(),
  },
  (t) => [
    check("email_outbox_status_check", oneOf(t.status, outboxStatuses)),
    check("email_outbox_transport_check", oneOf(t.transport, emailTransports)),
    uniqueIndex("email_outbox_dedupe_key").on(t.dedupeKey),
    index("email_outbox_due_idx").on(t.status, t.runAt),
  ],
);
