import { boolean, check, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { roles } from "../../vocabulary";
import { createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: roles }).notNull(),
    clientId: integer().references(() => clients.id, { onDelete: "restrict" }),
    disabled: boolean().notNull().default(false),
    /** False for a self sign-up until its email link is opened; accounts made by staff are verified. */
    emailVerified: boolean().notNull().default(true),
    /** The language staff read the admin and the board in; a client's user reads its client's locale. */
    locale: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_role_check", oneOf(t.role, roles)),
    check("users_client_role_check", sql`(${t.role} = 'client') = (${t.clientId} is not null)`),
  ],
);
