import { sql, type SQL } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import postgres from "postgres";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError } from "../env";
import { rows } from "./rows";
import type { Database } from "./types";

const LOCK_ID = 7_404_001;
const JOURNAL = join("meta", "_journal.json");

/**
 * Where the drizzle-kit migrations are: PROVISIO_MIGRATIONS_DIR, else a `drizzle/` folder next to
 * the running code or one of its parents (the source tree, the worker bundle in dist/, a Trigger.dev
 * build, the standalone web build), else the working directory's. Never the working directory alone:
 * a task or worker started elsewhere still finds them.
 */
export function findMigrationsFolder(): string | undefined {
  const fromEnv = process.env.PROVISIO_MIGRATIONS_DIR;
  if (fromEnv) return existsSync(join(fromEnv, JOURNAL)) ? resolve(fromEnv) : undefined;
  const starts = [codeDir(), process.argv[1] ? dirname(resolve(process.argv[1])) : undefined, process.cwd()];
  for (const start of starts) {
    for (let dir = start; dir; dir = dirname(dir) === dir ? undefined : dirname(dir)) {
      if (existsSync(join(dir, "drizzle", JOURNAL))) return join(dir, "drizzle");
    }
  }
  return undefined;
}

function codeDir(): string | undefined {
  try {
    return import.meta.url?.startsWith("file:") ? dirname(fileURLToPath(import.meta.url)) : undefined;
  } catch {
    return undefined;
  }
}

export const migrationsFolder = findMigrationsFolder() ?? join(process.cwd(), "drizzle");

function requireMigrationsFolder(): string {
  const folder = findMigrationsFolder();
  if (folder) return folder;
  throw new Error(
    process.env.PROVISIO_MIGRATIONS_DIR
      ? `PROVISIO_MIGRATIONS_DIR: no drizzle migrations (meta/_journal.json) in ${process.env.PROVISIO_MIGRATIONS_DIR}`
      : "the drizzle/ migrations folder was not found next to the code or in the working directory; set PROVISIO_MIGRATIONS_DIR",
  );
}

export type MigrationResult = { applied: string[]; total: number; folder: string };

/** Applies the drizzle-kit migrations; on PostgreSQL one process at a time (advisory lock). Says which ran. */
export async function migrateDatabase(database: Database, url?: string): Promise<MigrationResult> {
  const folder = requireMigrationsFolder();
  const journal = JSON.parse(readFileSync(join(folder, JOURNAL), "utf8")) as { entries: { tag: string; when: number }[] };
  const pending = (last: number | null) => journal.entries.filter((e) => last === null || e.when > last).map((e) => e.tag);
  if (database.kind === "pglite") {
    const query = <T>(q: SQL) => rows<T>(database.db, q);
    await refuseUnknownMigrations(query, journal.entries);
    const applied = pending(await lastApplied(query));
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    await recordMigrationNames(query, journal.entries);
    return { applied, total: journal.entries.length, folder };
  }
  if (!url) throw new Error("migrating PostgreSQL needs its URL");
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${LOCK_ID})`;
    const db = drizzlePostgres(client);
    const query = <T>(q: SQL) => db.execute(q) as unknown as Promise<T[]>;
    await refuseUnknownMigrations(query, journal.entries); // on a refusal, closing the session frees the lock
    const applied = pending(await lastApplied(query));
    await migratePostgres(db, { migrationsFolder: folder });
    await recordMigrationNames(query, journal.entries);
    await client`select pg_advisory_unlock(${LOCK_ID})`;
    return { applied, total: journal.entries.length, folder };
  } finally {
    await client.end({ timeout: 5 });
  }
}

type Query = <T>(q: SQL) => Promise<T[]>;
type JournalEntry = { tag: string; when: number };
const NAMES = "migrationNames";

/**
 * Refuses a database that has migrations this code does not know (a newer release ran them): old
 * code on a newer schema fails in ways no health check sees. Names them by the tags a newer
 * release recorded in the settings table (`migrationNames`), else by their time and hash. For a
 * rollback over expand-only migrations, PROVISIO_ACCEPT_MIGRATIONS lists the ones to run on anyway.
 */
async function refuseUnknownMigrations(query: Query, entries: JournalEntry[]): Promise<void> {
  const [exists] = await query<{ found: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as found`);
  if (!exists?.found) return;
  const known = new Set(entries.map((e) => String(e.when)));
  const unknown = (await query<{ hash: string; when: string }>(sql`select hash, created_at::text as when from drizzle.__drizzle_migrations order by created_at`)).filter(
    (r) => !known.has(r.when),
  );
  if (unknown.length === 0) return;
  const names = await migrationNames(query);
  const accepted = new Set((process.env.PROVISIO_ACCEPT_MIGRATIONS ?? "").split(",").map((v) => v.trim()).filter(Boolean));
  const refused = unknown.filter((r) => !accepted.has(r.when) && !accepted.has(names[r.when] ?? r.when));
  for (const r of unknown.filter((u) => !refused.includes(u))) console.warn(`migrations: ${names[r.when] ?? r.when} is not known to this release; started anyway (PROVISIO_ACCEPT_MIGRATIONS)`);
  if (refused.length === 0) return;
  const described = refused.map((r) => names[r.when] ?? `${r.when}, applied ${new Date(Number(r.when)).toISOString()} (hash ${r.hash.slice(0, 12)})`);
  throw new ConfigError(
    "DATABASE_URL",
    `the database has migrations this release does not know: ${described.join(", ")}. A newer release migrated it: run that release, or see Rollback in docs/production.md`,
  );
}

async function migrationNames(query: Query): Promise<Record<string, string>> {
  try {
    const [row] = await query<{ value: Record<string, string> | string }>(sql`select value from settings where key = ${NAMES}`);
    const value = typeof row?.value === "string" ? (JSON.parse(row.value) as Record<string, string>) : row?.value;
    return value ?? {};
  } catch {
    return {};
  }
}

/** Keeps every applied migration's name by its time, so an older release can name the ones it does not know. */
async function recordMigrationNames(query: Query, entries: JournalEntry[]): Promise<void> {
  const names = JSON.stringify(Object.fromEntries(entries.map((e) => [String(e.when), e.tag])));
  await query(
    sql`insert into settings (key, value) values (${NAMES}, ${names}::jsonb) on conflict (key) do update set value = settings.value || excluded.value, updated_at = now()`,
  );
}

async function lastApplied(query: (q: SQL) => Promise<{ last: string | null }[]>): Promise<number | null> {
  const [exists] = await query(sql`select to_regclass('drizzle.__drizzle_migrations')::text as last`);
  if (!exists?.last) return null;
  const [row] = await query(sql`select max(created_at)::text as last from drizzle.__drizzle_migrations`);
  return row?.last == null ? null : Number(row.last);
}

/** A line for start-up logs: which migrations this start applied. */
export function describeMigrations(result: MigrationResult): string {
  return result.applied.length
    ? `migrations: applied ${result.applied.join(", ")} (${result.total} in total)`
    : `migrations: up to date (${result.total} applied)`;
}

/** How many migrations the database has applied. */
export async function migrationCount(database: Database): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    database.db,
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  return Number(row?.n ?? 0);
}
