/**
 * `npm run db:migrate` (or `node dist/migrate.mjs`): the release step. Applies the drizzle/
 * migrations to DATABASE_URL (PGlite in .data/ outside production) and says which ones it applied.
 * Web and workers also migrate at start (under an advisory lock), so this only makes it explicit.
 * A database that cannot be reached yet (still starting, network) is waited for, up to
 * MIGRATE_WAIT_SECONDS (60); an error waiting cannot cure ends it at once with status 1.
 */
import { exitOnConfigError, exitOnConfigProblems } from "../lib/config/check";
import { loadEnvFiles } from "../lib/config/load-env";
import { closeDatabase, getDatabase, migrationsAtStart } from "../lib/db";
import { connectionErrorCode } from "../lib/db/connection-error";
import { describeMigrations } from "../lib/db/migrate";
import { isPermanentDatabaseError, probeFailure } from "../lib/health/probe";

loadEnvFiles();
exitOnConfigProblems("cli");
const waitSeconds = Number(process.env.MIGRATE_WAIT_SECONDS?.trim() || 60);
const deadline = Date.now() + waitSeconds * 1000;
for (let delay = 500; ; delay = Math.min(delay * 2, 5_000)) {
  try {
    const database = await getDatabase();
    const result = migrationsAtStart();
    if (result) console.log(`${describeMigrations(result)} on ${database.kind}, from ${result.folder}`);
    await closeDatabase();
    break;
  } catch (error) {
    exitOnConfigError("cli", error);
    if (connectionErrorCode(error) && Date.now() + delay < deadline) {
      console.error(`migrate waits for the database: ${probeFailure(error)}; next try in ${delay / 1000} s`);
      await new Promise((r) => setTimeout(r, delay));
      continue;
    }
    const why = connectionErrorCode(error)
      ? `${probeFailure(error)}, still after ${waitSeconds} s (MIGRATE_WAIT_SECONDS)`
      : isPermanentDatabaseError(error)
        ? probeFailure(error)
        : error instanceof Error
          ? error.message
          : String(error);
    console.error(`Migration failed: ${why}`);
    process.exit(1);
  }
}
