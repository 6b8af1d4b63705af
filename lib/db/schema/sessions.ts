import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { at, createdAt } from "./_columns";
import { users } from "./users";

/**
 * One signed-in browser. The session token (a JWT) carries only this id; every read of the session
 * checks the row, so signing out, disabling the user or changing the password ends it at once.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: at().notNull(),
    revokedAt: at(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
