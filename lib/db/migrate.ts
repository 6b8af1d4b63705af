import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import postgres from "postgres";
import { join } from "node:path";
import { rows } from "./rows";
import type { Database } from "./types";

export const migrationsFolder = join(process.cwd(), "drizzle");
const LOCK_ID = 7_404_001;

/** Applies the drizzle-kit migrations; on PostgreSQL one process at a time (advisory lock). */
export async function migrateDatabase(database: Database, url?: string): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!url) throw new Error("migrating PostgreSQL needs its URL");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${LOCK_ID})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
    await client`select pg_advisory_unlock(${LOCK_ID})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** How many migrations the database has applied. */
export async function migrationCount(database: Database): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return Number(row?.n ?? 0);
}
