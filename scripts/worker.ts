/**
 * The processing runner in its own process: `npm run worker` (or `node dist/worker.mjs` from the
 * production build). Run as many as needed against one PostgreSQL database; SKIP LOCKED shares
 * the work. Reads the .env files like the web process, refuses to start on a configuration
 * problem (naming the variable), waits for a database that is down, and on SIGTERM stops taking
 * work, finishes what it holds and exits. WORKER_EXIT_WHEN_IDLE=1 exits once nothing is left to do.
 */
import { exitOnConfigError, exitOnConfigProblems } from "../lib/config/check";
import { loadEnvFiles } from "../lib/config/load-env";
import { closeDatabase, getDatabase, migrationsAtStart, type Database } from "../lib/db";
import { surviveConnectionLoss } from "../lib/db/connection-loss";
import { describeMigrations } from "../lib/db/migrate";
import { ConfigError } from "../lib/env";
import { setRunnerKind } from "../lib/health/heartbeat";
import { probeFailure } from "../lib/health/probe";
import { isIdle } from "../lib/processing/idle";
import { startRunner, type Runner } from "../lib/processing/runner";
import { serveWorkerMetrics } from "../lib/metrics/serve";

const RETRY_MS = 5_000;
const envFiles = loadEnvFiles();
surviveConnectionLoss((message) => console.error(`worker: ${message}`));
exitOnConfigProblems("worker");
setRunnerKind("worker");

let stopping = false;
const held: { runner?: Runner } = {};
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  const { runner } = held;
  if (runner) console.log(`worker ${runner.id} got ${signal}: takes no new work, finishing ${runner.inFlight()} in flight`);
  await runner?.stop();
  await closeDatabase().catch(() => {});
  if (runner) console.log(`worker ${runner.id} stopped after ${runner.processed()} operations`);
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));

/**
 * Start-up steps retried while the database is down or cuts the connection, not a reason to exit:
 * the first retry after `firstMs`, then doubling up to RETRY_MS. A configuration problem still ends it.
 */
async function retrying<T>(waiting: string, fn: () => Promise<T>, firstMs: number): Promise<T> {
  for (let delay = firstMs; ; delay = Math.min(delay * 2, RETRY_MS)) {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      if (stopping) process.exit(0);
      console.error(`worker ${waiting}: ${probeFailure(error)}; next try in ${delay / 1000} s`);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** A database that is down at start is waited for, not a reason to exit. */
const openDatabase = (): Promise<Database> => retrying("waits for the database", getDatabase, RETRY_MS);

const database = await openDatabase().catch((error: unknown) => {
  console.error(`Cannot start the worker: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(78);
});
if (envFiles.length) console.log(`worker read ${envFiles.join(", ")}`);
const migrations = migrationsAtStart();
if (migrations) console.log(`worker ${describeMigrations(migrations)}`);
/** A connection cut while the runner starts (its LISTEN) is retried, not a reason to exit. */
const start = (): Promise<Runner> =>
  retrying(
    "could not start its runner",
    () =>
      startRunner(database, {
        concurrency: Number(process.env.PROCESSING_CONCURRENCY ?? 64),
        leaseMs: Number(process.env.PROCESSING_LEASE_MS ?? 60_000),
        pollMs: Number(process.env.PROCESSING_POLL_MS ?? 1000),
      }),
    500,
  );
// The metrics port is taken before any work is claimed: a port in use stops this worker (exit 78).
await serveWorkerMetrics(database).catch(async (error: unknown) => {
  await closeDatabase().catch(() => {});
  exitOnConfigError("worker", error);
  throw error;
});
const runner = await start();
held.runner = runner;
console.log(`worker ${runner.id} started on ${database.kind} (pid ${process.pid})`);

if (process.env.WORKER_EXIT_WHEN_IDLE === "1") {
  const timer = setInterval(async () => {
    if (runner.inFlight() === 0 && (await isIdle(database.db))) {
      clearInterval(timer);
      console.log(`worker ${runner.id} idle, exiting`);
      await stop("idle");
    }
  }, 250);
}
