import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { at } from "./_columns";
import { handlers } from "./handlers";

/**
 * The running slots of a handler, slot 1..max_running: a slot is in use while its lease (the
 * operation's lease) holds. Runners take a free one with SKIP LOCKED, so taking and giving back
 * spread over many rows instead of one counter; a slot of a killed worker is free once its lease ends.
 */
export const handlerSlots = pgTable(
  "handler_slots",
  {
    handlerId: integer().notNull().references(() => handlers.id, { onDelete: "cascade" }),
    slot: integer().notNull(),
    operationId: integer(),
    leaseToken: text(),
    leaseUntil: at(),
  },
  (t) => [primaryKey({ columns: [t.handlerId, t.slot] })],
);
