import { integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { departments } from "./departments";
import { users } from "./users";

export const departmentMembers = pgTable(
  "department_members",
  {
    departmentId: integer().notNull().references(() => departments.id, { onDelete: "cascade" }),
    userId: integer().notNull().references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.userId] })],
);
