import { check, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { notifyModes } from "../../notifications/modes";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";

export const departments = pgTable(
  "departments",
  {
    id: id(),
    name: text().notNull(),
    email: text(),
    /** Email and chat messages about the department's tasks: each event, a daily digest, or off. */
    notify: text({ enum: notifyModes }).notNull().default("each"),
    /** Slack incoming-webhook or Telegram sendMessage URL, AES-256-GCM encrypted (it carries a token). */
    chatUrl: text(),
    /** Telegram's chat_id; left out of the message when empty (Slack). */
    chatId: text(),
    /** End of the window the last daily digest covered. */
    digestSentAt: at(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_name_key").on(t.name), check("departments_notify_check", oneOf(t.notify, notifyModes))],
);
