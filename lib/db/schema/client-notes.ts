import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";
import { clients } from "./clients";
import { users } from "./users";

/** Notes staff keep on a client: read only in the admin, never shown to the client or in the API. */
export const clientNotes = pgTable(
  "client_notes",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "cascade" }),
    authorUserId: integer().references(() => users.id, { onDelete: "set null" }),
    body: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("client_notes_client_idx").on(t.clientId, t.id)],
);
