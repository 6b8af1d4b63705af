import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { updatedAt } from "./_columns";
import { users } from "./users";

/** The provider's own subject and body text of an email template, per language; null keeps the built-in one. */
export const emailTexts = pgTable(
  "email_texts",
  {
    template: text().notNull(),
    locale: text().notNull().default("en"),
    subject: text(),
    body: text(),
    updatedByUserId: integer().references(() => users.id, { onDelete: "set null" }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.template, t.locale] })],
);
