import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { handlers } from "./handlers";
import { tariffs } from "./tariffs";

export const tariffHandlers = pgTable(
  "tariff_handlers",
  {
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "cascade" }),
    handlerId: integer().notNull().references(() => handlers.id, { onDelete: "restrict" }),
    /** The account template on this handler's panel; null falls back to the tariff's `template`. */
    template: text(),
  },
  (t) => [primaryKey({ columns: [t.tariffId, t.handlerId] })],
);
