import { check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { runnerKinds } from "../../vocabulary";
import { at } from "./_columns";
import { oneOf } from "./_checks";

/** One row per running runner, rewritten every few seconds: the health view's list of live workers. */
export const runnerHeartbeats = pgTable(
  "runner_heartbeats",
  {
    id: text().primaryKey(),
    kind: text({ enum: runnerKinds }).notNull(),
    host: text().notNull(),
    pid: integer().notNull(),
    /** How often this runner writes: a row older than three intervals is a runner that stopped. */
    intervalMs: integer().notNull(),
    startedAt: at().notNull().defaultNow(),
    seenAt: at().notNull().defaultNow(),
    inFlight: integer().notNull().default(0),
    processed: integer().notNull().default(0),
  },
  (t) => [check("runner_heartbeats_kind_check", oneOf(t.kind, runnerKinds))],
);
