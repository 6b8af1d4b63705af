import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { apiKeys } from "./api-keys";

/**
 * One row per Idempotency-Key an API key sent: written as in progress before the request runs, then
 * the answer it got, which a repeat of the same request receives again.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    id: id(),
    apiKeyId: integer().notNull().references(() => apiKeys.id, { onDelete: "cascade" }),
    key: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    /** SHA-256 of method, path and body: the same key with another request is a conflict. */
    requestHash: text().notNull(),
    /** Null while the first request is in progress. */
    responseStatus: integer(),
    /** The JSON text of the first answer, byte for byte. */
    responseBody: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("idempotency_keys_api_key_key").on(t.apiKeyId, t.key),
    index("idempotency_keys_created_idx").on(t.createdAt),
  ],
);
