import { join } from "node:path";
import { poolSize } from "../config/check";
import { ConfigError, dataDir, isProduction, readDatabaseUrl } from "../env";
import { checkEncryptionKey } from "../key-check";
import { connect } from "./connect";
import { privateDataDir } from "./private-dir";
import { migrateDatabase, type MigrationResult } from "./migrate";
import type { Database } from "./types";

export type { Conn, Database, Db, DbKind, Tx } from "./types";

const globalKey = Symbol.for("provisio.database");
type Holder = { [globalKey]?: Promise<Database> };

/**
 * The application's database, opened and migrated once per process: PostgreSQL when DATABASE_URL
 * is set, otherwise embedded PGlite in .data/. Refuses (ConfigError) a database with migrations
 * this code does not know, or whose key check value does not match APP_ENCRYPTION_KEY. Kept on
 * globalThis because Next.js may load this module more than once, and PGlite must never be opened
 * twice on one folder.
 */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[globalKey] ??= open().catch((error: unknown) => {
    delete holder[globalKey];
    throw error;
  });
  return holder[globalKey];
}

const migrationKey = Symbol.for("provisio.migrations");

/** What opening the database applied in this process (for start-up logs), once it is open. */
export function migrationsAtStart(): MigrationResult | undefined {
  return (globalThis as { [migrationKey]?: MigrationResult })[migrationKey];
}

async function open(): Promise<Database> {
  const url = readDatabaseUrl();
  if (url) {
    const database = await connect({ kind: "postgres", url, max: poolSize() });
    try {
      remember(await migrateDatabase(database, url));
      await checkEncryptionKey(database.db);
    } catch (error) {
      await database.close().catch(() => {});
      throw error;
    }
    return database;
  }
  if (isProduction()) throw new ConfigError("DATABASE_URL", "is required when NODE_ENV=production (embedded PGlite is for the demo and development)");
  const dir = join(dataDir(), "pglite");
  privateDataDir(dir);
  const database = await connect({ kind: "pglite", dataDir: dir });
  try {
    remember(await migrateDatabase(database));
    await checkEncryptionKey(database.db);
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
  return database;
}

function remember(result: MigrationResult): void {
  (globalThis as { [migrationKey]?: MigrationResult })[migrationKey] = result;
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[globalKey];
  delete holder[globalKey];
  if (pending) await (await pending).close();
}
