import { check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { outboxStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { departments } from "./departments";

/** Chat messages to a department's webhook (Slack or Telegram); the URL is read from the department when sent. */
export const chatOutbox = pgTable(
  "chat_outbox",
  {
    id: id(),
    departmentId: integer().notNull().references(() => departments.id, { onDelete: "cascade" }),
    /** One message per event (e.g. "task.new:12:2026-12-07T10:00:00.000Z"). */
    dedupeKey: text().notNull(),
    text: text().notNull(),
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
    check("chat_outbox_status_check", oneOf(t.status, outboxStatuses)),
    uniqueIndex("chat_outbox_dedupe_key").on(t.dedupeKey),
    index("chat_outbox_due_idx").on(t.status, t.runAt),
  ],
);
