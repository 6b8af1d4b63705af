import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db";
import { apiKeys } from "../../db/schema";
import { sha256 } from "../../crypto";
import type { Actor } from "../context";
import { API_KEY_PATTERN } from "./create";

export type ApiKeyActor = Extract<Actor, { type: "api_key" }>;

const TOUCH_EVERY_MS = 60_000;
const touchedKey = Symbol.for("provisio.api.touched");
const touched = ((globalThis as { [touchedKey]?: Map<string, number> })[touchedKey] ??= new Map());

/**
 * The actor behind a bearer key, or null for a missing, malformed, unknown or revoked key. The
 * last use is written at most once a minute per key and process, not on every request.
 */
export async function authenticateApiKey(db: Db, key: string | null | undefined, now = new Date()): Promise<ApiKeyActor | null> {
  if (!key || !API_KEY_PATTERN.test(key)) return null;
  const hash = sha256(key);
  const [row] = await db
    .select({ id: apiKeys.id, scopes: apiKeys.scopes, clientId: apiKeys.clientId })
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  if (now.getTime() - (touched.get(hash) ?? 0) >= TOUCH_EVERY_MS) {
    touched.set(hash, now.getTime());
    await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.id));
  }
  // A bound key never acts as an admin, even a row made before binding refused that scope.
  const scopes = row.clientId === null ? row.scopes : row.scopes.filter((s) => s !== "admin");
  return { type: "api_key", apiKeyId: row.id, scopes, clientId: row.clientId };
}
