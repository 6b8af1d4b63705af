import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { at } from "./_columns";

/**
 * Failed sign-ins (and sign-ups) counted per key: `account:<email>`, `ip:<address>`,
 * `sign-up:<address>`. Kept in the database so the limit holds across web processes.
 */
export const signInAttempts = pgTable("sign_in_attempts", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  lastFailureAt: at().notNull(),
  lockedUntil: at(),
});
