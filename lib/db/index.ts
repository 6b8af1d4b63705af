import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { dataDir, readDatabaseUrl } from "../env";
import { connect } from "./connect";
import { migrateDatabase } from "./migrate";
import type { Database } from "./types";

export type { Conn, Database, Db, DbKind, Tx } from "./types";

const globalKey = Symbol.for("provisio.database");
type Holder = { [globalKey]?: Promise<Database> };

/**
 * The application's database, opened and migrated once per process: PostgreSQL when DATABASE_URL
 * is set, otherwise embedded PGlite in .data/. Kept on globalThis because Next.js may load this
 * module more than once, and PGlite must never be opened twice on one folder.
 */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[globalKey] ??= open().catch((error: unknown) => {
    delete holder[globalKey];
    throw error;
  });
  return holder[globalKey];
}

async function open(): Promise<Database> {
  const url = readDatabaseUrl();
  if (url) {
    const database = await connect({ kind: "postgres", url });
    await migrateDatabase(database, url);
    return database;
  }
  const dir = join(dataDir(), "pglite");
  mkdirSync(dir, { recursive: true });
  const database = await connect({ kind: "pglite", dataDir: dir });
  await migrateDatabase(database);
  return database;
}

export async function closeDatabase(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[globalKey];
  delete holder[globalKey];
  if (pending) await (await pending).close();
}
