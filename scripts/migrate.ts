/**
 * `npm run db:migrate` (or `node dist/migrate.mjs`): the release step. Applies the drizzle/
 * migrations to DATABASE_URL (PGlite in .data/ outside production) and says which ones it applied.
 * Web and workers also migrate at start (under an advisory lock), so this only makes it explicit.
 */
import { exitOnConfigError, exitOnConfigProblems } from "../lib/config/check";
import { loadEnvFiles } from "../lib/config/load-env";
import { closeDatabase, getDatabase, migrationsAtStart } from "../lib/db";
import { describeMigrations } from "../lib/db/migrate";

loadEnvFiles();
exitOnConfigProblems("cli");
try {
  const database = await getDatabase();
  const result = migrationsAtStart();
  if (result) console.log(`${describeMigrations(result)} on ${database.kind}, from ${result.folder}`);
  await closeDatabase();
} catch (error) {
  exitOnConfigError("cli", error);
  console.error(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
