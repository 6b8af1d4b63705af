import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { apiKeys } from "./api-keys";
import { clients } from "./clients";
import { users } from "./users";

export const auditLog = pgTable(
  "audit_log",
  {
    id: id(),
    actorUserId: integer().references(() => users.id, { onDelete: "set null" }),
    actorApiKeyId: integer().references(() => apiKeys.id, { onDelete: "set null" }),
    /** Set when an admin signed in as a client for support: the client acted for (`actorUserId` is the admin). */
    onBehalfOfClientId: integer().references(() => clients.id, { onDelete: "set null" }),
    action: text().notNull(),
    entity: text().notNull(),
    entityId: text(),
    before: jsonb().$type<unknown>(),
    after: jsonb().$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId), index("audit_log_created_idx").on(t.createdAt)],
);
