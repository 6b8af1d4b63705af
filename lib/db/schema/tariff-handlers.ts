import { integer, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { handlers } from "./handlers";
import { tariffs } from "./tariffs";

export const tariffHandlers = pgTable(
  "tariff_handlers",
  {
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "cascade" }),
    handlerId: integer().notNull().references(() => handlers.id, { onDelete: "restrict" }),
  },
  (t) => [primaryKey({ columns: [t.tariffId, t.handlerId] })],
);
