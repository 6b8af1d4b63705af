import { boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { operationKinds, type OrderParams, productTypes, serviceStatuses } from "../../vocabulary";
import { at, createdAt, id, updatedAt } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";
import { handlers } from "./handlers";
import { orderItems } from "./order-items";
import { tariffs } from "./tariffs";

export const services = pgTable(
  "services",
  {
    id: id(),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    tariffId: integer().notNull().references(() => tariffs.id, { onDelete: "restrict" }),
    orderItemId: integer().references(() => orderItems.id, { onDelete: "set null" }),
    /** Chosen when the open operation first runs; kept for every later operation. */
    handlerId: integer().references(() => handlers.id, { onDelete: "restrict" }),
    productType: text({ enum: productTypes }).notNull(),
    status: text({ enum: serviceStatuses }).notNull().default("ordered"),
    /** The operation in progress, shown to the client ("being set up"). */
    pending: text({ enum: operationKinds }),
    /** Deterministic name of the object on the panel (user name, VM name, domain). */
    remoteName: text().notNull(),
    remoteId: text(),
    /** The domain name the service is for (punycode), when its order named one. */
    domain: text(),
    /** Public details (login, IP, panel URL, expiry). */
    details: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** Secret details (passwords), AES-256-GCM encrypted JSON. */
    secrets: text(),
    params: jsonb().$type<OrderParams>().notNull().default({}),
    /** Resource amounts the service was sold with (tariff amounts plus add-ons). */
    resources: jsonb().$type<Record<string, number>>().notNull().default({}),
    months: integer().notNull(),
    autoRenew: boolean().notNull().default(true),
    expiresAt: at(),
    lastSyncedAt: at(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("services_status_check", oneOf(t.status, serviceStatuses)),
    check("services_product_type_check", oneOf(t.productType, productTypes)),
    check("services_pending_check", oneOf(t.pending, operationKinds)),
    index("services_client_idx").on(t.clientId, t.id),
    index("services_handler_idx").on(t.handlerId),
    index("services_expires_idx").on(t.status, t.expiresAt),
    /** Services a sync may be due for, oldest sync first: the scheduler reads only the due ones. */
    index("services_sync_due_idx")
      .on(sql`coalesce(${t.lastSyncedAt}, ${t.updatedAt})`)
      .where(sql`${t.status} in ('active', 'suspended') and ${t.handlerId} is not null`),
    /** One live registration (or hosting) of a domain name, whichever client holds it. */
    uniqueIndex("services_live_domain_key").on(t.productType, t.domain).where(sql`${t.status} <> 'closed'`),
    /** The admin's search box: prefixes of the domain, the panel's name and the IP address. */
    index("services_domain_search_idx").using("btree", sql`${t.domain} text_pattern_ops`),
    index("services_remote_name_search_idx").using("btree", sql`lower(${t.remoteName}) text_pattern_ops`),
    index("services_ip_search_idx").using("btree", sql`(${t.details} ->> 'ip') text_pattern_ops`),
  ],
);
