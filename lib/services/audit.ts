import type { Conn } from "../db";
import { auditLog } from "../db/schema";
import type { Actor } from "./context";

const SECRET_KEYS = /pass|secret|token|key|hash/i;

/** Copies a value for the audit log with anything secret-looking masked. */
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) && v != null ? "***" : scrub(v)]),
    );
  }
  return value;
}

/**
 * Writes one audit row: who changed what, before and after. Call it inside the change's transaction.
 * An admin signed in as a client is recorded as the admin, on behalf of that client.
 */
export async function audit(
  conn: Conn,
  actor: Actor,
  entry: { action: string; entity: string; entityId?: string | number | null; before?: unknown; after?: unknown },
): Promise<void> {
  const support = actor.type === "user" && actor.supportAdminId !== undefined;
  await conn.insert(auditLog).values({
    actorUserId: actor.type === "user" ? (actor.supportAdminId ?? actor.userId) : null,
    onBehalfOfClientId: support ? actor.clientId : null,
    actorApiKeyId: actor.type === "api_key" ? actor.apiKeyId : null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before === undefined ? null : scrub(entry.before),
    after: entry.after === undefined ? null : scrub(entry.after),
  });
}
