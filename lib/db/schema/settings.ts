import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { updatedAt } from "./_columns";

export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().$type<unknown>().notNull(),
  updatedAt: updatedAt(),
});
