import { boolean, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns";

export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id(),
  url: text().notNull(),
  /** Signing secret, AES-256-GCM encrypted. */
  secret: text().notNull(),
  events: text().array().notNull(),
  enabled: boolean().notNull().default(true),
  createdAt: createdAt(),
});
