import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

export const roles = ["client", "staff", "admin"] as const;
export type Role = (typeof roles)[number];

export const productTypes = ["domain", "hosting", "vps", "dedicated", "other"] as const;
export type ProductType = (typeof productTypes)[number];

export const moduleKinds = ["manual", "ispmanager", "cpanel", "vmmanager", "vcloud", "webnames", "epp"] as const;
export type ModuleKind = (typeof moduleKinds)[number];

export const serviceStatuses = ["ordered", "processing", "active", "suspended", "closed"] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

export const operationKinds = ["open", "suspend", "resume", "close", "prolong", "change_tariff", "sync"] as const;
export type OperationKind = (typeof operationKinds)[number];

/** queued: due at run_at; running: claimed under a lease; waiting: remote task to poll at run_at. */
export const operationStatuses = ["queued", "running", "waiting", "done", "manual", "cancelled"] as const;
export type OperationStatus = (typeof operationStatuses)[number];
export const activeOperationStatuses = ["queued", "running", "waiting"] as const;

export const taskStatuses = ["new", "in_progress", "done", "cancelled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

export const outboxStatuses = ["queued", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export const periods = [1, 3, 6, 12, 24, 36] as const;

/** A CHECK constraint body: column IN ('a', 'b', ...). Values are our own constants, never input. */
export function oneOf(column: AnyPgColumn, values: readonly (string | number)[]): SQL {
  const list = values.map((v) => (typeof v === "number" ? String(v) : `'${v}'`)).join(", ");
  return sql`${column} in (${sql.raw(list)})`;
}
