import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { taskReasons, taskStatuses } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { departments } from "./departments";
import { operations } from "./operations";
import { services } from "./services";
import { users } from "./users";

export const tasks = pgTable(
  "tasks",
  {
    id: id(),
    operationId: integer().notNull().references(() => operations.id, { onDelete: "cascade" }),
    serviceId: integer().notNull().references(() => services.id, { onDelete: "cascade" }),
    departmentId: integer().references(() => departments.id, { onDelete: "set null" }),
    status: text({ enum: taskStatuses }).notNull().default("new"),
    reason: text({ enum: taskReasons }).notNull(),
    note: text(),
    assigneeId: integer().references(() => users.id, { onDelete: "set null" }),
    closedById: integer().references(() => users.id, { onDelete: "set null" }),
    /** What staff typed when closing (secrets are stored on the service, not here). */
    result: jsonb().$type<Record<string, string>>(),
    createdAt: createdAt(),
    takenAt: at(),
    closedAt: at(),
  },
  (t) => [
    check("tasks_status_check", oneOf(t.status, taskStatuses)),
    check("tasks_reason_check", oneOf(t.reason, taskReasons)),
    uniqueIndex("tasks_operation_key").on(t.operationId),
    index("tasks_board_idx").on(t.departmentId, t.status, t.id),
  ],
);
