import { boolean, check, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { handlerHealth, moduleKinds, productTypes } from "../../vocabulary";
import { at, createdAt, id, updatedAt } from "./_columns";
import { oneOf } from "./_checks";
import { departments } from "./departments";

/** An admin-configured instance of a processing module ("Processing module" in the UI). */
export const handlers = pgTable(
  "handlers",
  {
    id: id(),
    name: text().notNull(),
    productType: text({ enum: productTypes }).notNull(),
    module: text({ enum: moduleKinds }).notNull(),
    /** Connection fields that are not secret (URL, user name, ...). */
    connection: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** Secret connection fields, AES-256-GCM encrypted JSON. */
    secrets: text(),
    dataCenter: text(),
    departmentId: integer().references(() => departments.id, { onDelete: "set null" }),
    priority: integer().notNull().default(100),
    maxRunning: integer().notNull().default(50),
    enabled: boolean().notNull().default(true),
    health: text({ enum: handlerHealth }).notNull().default("unknown"),
    healthMessage: text(),
    healthCheckedAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("handlers_name_key").on(t.name),
    check("handlers_product_type_check", oneOf(t.productType, productTypes)),
    check("handlers_module_check", oneOf(t.module, moduleKinds)),
    check("handlers_health_check", oneOf(t.health, handlerHealth)),
    check("handlers_max_running_check", sql`${t.maxRunning} > 0`),
  ],
);
