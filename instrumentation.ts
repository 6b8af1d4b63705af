/**
 * Start-up of the web process. It checks the configuration first: in production a problem stops
 * the process with the variable's name (elsewhere it is logged, and /api/health reports it).
 * Then it opens the database (migrating it, and logging which migrations ran), tells whether the
 * first admin is still missing, and starts the embedded processing runner unless Trigger.dev runs
 * the jobs (TRIGGER_SECRET_KEY) or separate workers do (PROVISIO_RUNNER=off). A database that
 * cannot be reached yet is tried again every 10 seconds.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { configProblems, exitOnConfigError } = await import("./lib/config/check");
  const { isProduction } = await import("./lib/env");
  // One JSON line per event in production, like the workers: Next.js's messages and error dumps too.
  if (isProduction() || process.env.LOG_FORMAT === "json") (await import("./lib/log-console")).consoleToLogger();
  const problems = configProblems("web");
  for (const p of problems) console.error(`Cannot start the web: ${p.message}`);
  if (problems.length > 0 && isProduction()) process.exit(78);
  if (problems.length > 0) return;

  const { getDatabase, migrationsAtStart } = await import("./lib/db");
  const { describeMigrations } = await import("./lib/db/migrate");
  const { probeFailure } = await import("./lib/health/probe");
  const { setRunnerKind } = await import("./lib/health/heartbeat");
  const { needsFirstAdmin } = await import("./lib/services/users/create-first-admin");
  const runnerOn = !process.env.TRIGGER_SECRET_KEY && process.env.PROVISIO_RUNNER !== "off";
  setRunnerKind("web");
  const holder = globalThis as { provisioStart?: Promise<unknown>; provisioRunner?: { stop(): Promise<void> } };
  (await import("./lib/web-drain")).drainOnSigterm(() => holder.provisioRunner?.stop());
  const start = () => {
    holder.provisioStart ??= getDatabase()
      .then(async (database) => {
        const migrations = migrationsAtStart();
        if (migrations) console.log(`web ${describeMigrations(migrations)}`);
        if (await needsFirstAdmin({ db: database.db, actor: { type: "system" } })) {
          console.log("No admin yet: open /setup in the browser, or run `node dist/create-admin.mjs --email you@example.com` (`npm run create-admin -- --email …` in the source tree)");
        }
        if (!runnerOn) return;
        const { startRunner } = await import("./lib/processing/runner");
        const runner = await startRunner(database);
        holder.provisioRunner = runner;
        console.log(`embedded runner ${runner.id} started on ${database.kind}`);
      })
      .catch((error: unknown) => {
        delete holder.provisioStart;
        // A wrong key or a newer schema: waiting cannot help (outside production /api/health reports it).
        if (isProduction()) exitOnConfigError("web", error);
        console.error(`web waits for the database: ${probeFailure(error)}; next try in 10 s`);
        setTimeout(start, 10_000).unref();
      });
  };
  start();
}
