import { check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { operationFinishers, operationKinds, operationStatuses } from "../../vocabulary";
import { at, createdAt, id, updatedAt } from "./_columns";
import { oneOf } from "./_checks";
import { handlers } from "./handlers";
import { services } from "./services";

export const operations = pgTable(
  "operations",
  {
    id: id(),
    serviceId: integer().notNull().references(() => services.id, { onDelete: "cascade" }),
    kind: text({ enum: operationKinds }).notNull(),
    status: text({ enum: operationStatuses }).notNull().default("queued"),
    handlerId: integer().references(() => handlers.id, { onDelete: "restrict" }),
    /** Extra input (target tariff of change_tariff, months of prolong). */
    params: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer().notNull().default(0),
    /** Times a worker took it; a lease that runs out counts here, not as an attempt. */
    claims: integer().notNull().default(0),
    runAt: at().notNull().defaultNow(),
    leaseToken: text(),
    leaseUntil: at(),
    /** Remote task of an async module, stored before waiting on it. */
    remoteTask: jsonb().$type<Record<string, unknown>>(),
    lastError: text(),
    doneBy: text({ enum: operationFinishers }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    finishedAt: at(),
  },
  (t) => [
    check("operations_kind_check", oneOf(t.kind, operationKinds)),
    check("operations_status_check", oneOf(t.status, operationStatuses)),
    check("operations_done_by_check", oneOf(t.doneBy, operationFinishers)),
    index("operations_due_idx").on(t.runAt, t.id).where(sql`${t.status} in ('queued', 'waiting')`),
    // The claim's two lanes of due operations (lib/processing/claim.ts): what a client waits for now, and the rest.
    index("operations_due_first_idx").on(t.runAt, t.id).where(sql`${t.status} in ('queued', 'waiting') and ${t.kind} in ('open', 'resume', 'change_tariff', 'manage')`),
    index("operations_due_bulk_idx").on(t.runAt, t.id).where(sql`${t.status} in ('queued', 'waiting') and ${t.kind} not in ('open', 'resume', 'change_tariff', 'manage')`),
    index("operations_lease_idx").on(t.leaseUntil).where(sql`${t.status} = 'running'`),
    index("operations_service_idx").on(t.serviceId, t.id),
    index("operations_status_idx").on(t.status, t.id),
    uniqueIndex("operations_one_active_key")
      .on(t.serviceId, t.kind)
      .where(sql`${t.status} in ('queued', 'running', 'waiting', 'manual')`),
  ],
);
