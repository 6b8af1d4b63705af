import { eq, sql } from "drizzle-orm";
import { decrypt, keyChecks, UnreadableSecretError } from "./crypto";
import type { Conn } from "./db";
import { rows } from "./db/rows";
import { settings } from "./db/schema";
import { ConfigError } from "./env";

export const KEY_CHECK = "encryptionKeyCheck";

/** Every encrypted column: what a key rotation re-encrypts. */
export const ENCRYPTED_COLUMNS = [
  { table: "handlers", column: "secrets" },
  { table: "services", column: "secrets" },
  { table: "webhook_endpoints", column: "secret" },
  { table: "email_outbox", column: "props" },
] as const;

const MISMATCH =
  "is not the key this database's secrets are encrypted with (its key check value does not match): give every process the same key, or during a rotation the new key here and the old one in APP_ENCRYPTION_KEY_OLD";

/**
 * Compares this process's key with the key check value stored in the settings table, storing it at
 * the first start (after making sure the key decrypts a secret already stored, for a database
 * from before the check existed). Throws a ConfigError naming APP_ENCRYPTION_KEY when it differs.
 * Says whether the database is on the current key or, during a rotation, still on the old one.
 */
export async function checkEncryptionKey(db: Conn): Promise<"current" | "old"> {
  const checks = keyChecks();
  let stored = await storedKeyCheck(db);
  if (stored === undefined) {
    await assertDecryptsStoredSecret(db);
    await db.insert(settings).values({ key: KEY_CHECK, value: checks[0] }).onConflictDoNothing({ target: settings.key });
    stored = await storedKeyCheck(db);
  }
  const index = checks.indexOf(String(stored));
  if (index < 0) throw new ConfigError("APP_ENCRYPTION_KEY", MISMATCH);
  return index === 0 ? "current" : "old";
}

/** After a rotation: the database is on the current key from now on. */
export async function recordKeyCheck(db: Conn): Promise<void> {
  const [current] = keyChecks();
  await db
    .insert(settings)
    .values({ key: KEY_CHECK, value: current })
    .onConflictDoUpdate({ target: settings.key, set: { value: current, updatedAt: new Date() } });
}

async function storedKeyCheck(db: Conn): Promise<unknown> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY_CHECK));
  return row?.value;
}

async function assertDecryptsStoredSecret(db: Conn): Promise<void> {
  for (const { table, column } of ENCRYPTED_COLUMNS) {
    const [row] = await rows<{ value: string }>(
      db,
      sql`select ${sql.identifier(column)} as value from ${sql.identifier(table)} where ${sql.identifier(column)} is not null order by id desc limit 1`,
    );
    if (!row) continue;
    try {
      decrypt(row.value);
      return;
    } catch (error) {
      if (error instanceof UnreadableSecretError) throw new ConfigError("APP_ENCRYPTION_KEY", MISMATCH);
      throw error;
    }
  }
}
