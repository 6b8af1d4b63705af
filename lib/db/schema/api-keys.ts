import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./_columns";
import { clients } from "./clients";
import { users } from "./users";

export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    name: text().notNull(),
    /** First characters of the key, shown to tell keys apart. */
    prefix: text().notNull(),
    /** SHA-256 of the whole key; the key itself is shown once and never stored. */
    hash: text().notNull(),
    scopes: text().array().notNull(),
    /** A key bound to one client sees only that client's data. */
    clientId: integer().references(() => clients.id, { onDelete: "cascade" }),
    createdById: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: at(),
    revokedAt: at(),
  },
  (t) => [uniqueIndex("api_keys_hash_key").on(t.hash), index("api_keys_prefix_idx").on(t.prefix)],
);
