import { check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { serviceStatuses } from "../../vocabulary";
import { createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { services } from "./services";
import { users } from "./users";

export const serviceHistory = pgTable(
  "service_history",
  {
    id: id(),
    serviceId: integer().notNull().references(() => services.id, { onDelete: "cascade" }),
    fromStatus: text({ enum: serviceStatuses }),
    toStatus: text({ enum: serviceStatuses }).notNull(),
    /** What happened, in the client's words: the client sees this line. */
    message: text().notNull(),
    /** Internal detail for staff (module codes, errors, a person's note); never shown to the client. */
    staffNote: text(),
    actorUserId: integer().references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [
    check("service_history_from_check", oneOf(t.fromStatus, serviceStatuses)),
    check("service_history_to_check", oneOf(t.toStatus, serviceStatuses)),
    index("service_history_service_idx").on(t.serviceId, t.id),
  ],
);
