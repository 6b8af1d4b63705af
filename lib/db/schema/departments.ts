import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";

export const departments = pgTable(
  "departments",
  {
    id: id(),
    name: text().notNull(),
    email: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("departments_name_key").on(t.name)],
);
