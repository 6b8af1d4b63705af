import { boolean, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { attemptOutcomes } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { handlers } from "./handlers";
import { operations } from "./operations";

export const operationAttempts = pgTable(
  "operation_attempts",
  {
    id: id(),
    operationId: integer().notNull().references(() => operations.id, { onDelete: "cascade" }),
    number: integer().notNull(),
    handlerId: integer().references(() => handlers.id, { onDelete: "set null" }),
    outcome: text({ enum: attemptOutcomes }).notNull(),
    retryable: boolean(),
    errorCode: text(),
    errorMessage: text(),
    /** Request and response lines, secrets redacted. */
    log: text().notNull().default(""),
    startedAt: at().notNull(),
    finishedAt: createdAt(),
  },
  (t) => [
    check("operation_attempts_outcome_check", oneOf(t.outcome, attemptOutcomes)),
    index("operation_attempts_operation_idx").on(t.operationId, t.id),
  ],
);
