import { check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { userTokenPurposes } from "../../vocabulary";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { users } from "./users";

/** One-time links sent by email; only the SHA-256 of the token is stored. */
export const userTokens = pgTable(
  "user_tokens",
  {
    id: id(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text({ enum: userTokenPurposes }).notNull(),
    hash: text().notNull(),
    createdAt: createdAt(),
    expiresAt: at().notNull(),
    usedAt: at(),
  },
  (t) => [
    uniqueIndex("user_tokens_hash_key").on(t.hash),
    index("user_tokens_user_idx").on(t.userId, t.purpose),
    check("user_tokens_purpose_check", oneOf(t.purpose, userTokenPurposes)),
  ],
);
