/**
 * What the admin commands (create-admin, rotate-key, copy-identity) share. At start: the .env files
 * and the configuration check (exit 78, naming the variable). At the end: the database closed and
 * the exit status, main's, or 78 for a configuration problem found once the database is open (its
 * key check, migrations this release does not know), or 1 with "<command> failed: <why>".
 */
import { exitOnConfigError, exitOnConfigProblems } from "../lib/config/check";
import { loadEnvFiles } from "../lib/config/load-env";
import { closeDatabase } from "../lib/db";

export function startCommand(): void {
  loadEnvFiles();
  exitOnConfigProblems("cli");
}

export function runCommand(name: string, main: () => Promise<number>): void {
  main()
    .finally(closeDatabase)
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        exitOnConfigError("cli", error);
        console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
}
