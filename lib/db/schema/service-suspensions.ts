import { check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { suspensionReasons, suspensionScopes } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { services } from "./services";
import { users } from "./users";

/** One reason a service is (or is being) suspended; lifted reasons stay as history. */
export const serviceSuspensions = pgTable(
  "service_suspensions",
  {
    id: id(),
    serviceId: integer().notNull().references(() => services.id, { onDelete: "cascade" }),
    reason: text({ enum: suspensionReasons }).notNull(),
    scope: text({ enum: suspensionScopes }).notNull().default("service"),
    /** What the admin told the client (shown on the client's service page). */
    note: text(),
    byUserId: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    liftedAt: at(),
    liftedById: integer().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    check("service_suspensions_reason_check", oneOf(t.reason, suspensionReasons)),
    check("service_suspensions_scope_check", oneOf(t.scope, suspensionScopes)),
    index("service_suspensions_service_idx").on(t.serviceId, t.id),
    uniqueIndex("service_suspensions_held_key").on(t.serviceId, t.scope, t.reason).where(sql`${t.liftedAt} is null`),
  ],
);
