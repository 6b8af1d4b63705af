/**
 * The processing runner in its own process: `npm run worker`. Run as many as needed against one
 * PostgreSQL database; SKIP LOCKED shares the work. WORKER_EXIT_WHEN_IDLE=1 exits once nothing is
 * left to do (used by tests and one-off catch-up runs).
 */
import { closeDatabase, getDatabase } from "../lib/db";
import { isIdle } from "../lib/processing/idle";
import { startRunner } from "../lib/processing/runner";

const database = await getDatabase();
const runner = await startRunner(database, {
  concurrency: Number(process.env.PROCESSING_CONCURRENCY ?? 64),
  leaseMs: Number(process.env.PROCESSING_LEASE_MS ?? 60_000),
  pollMs: Number(process.env.PROCESSING_POLL_MS ?? 1000),
});
console.log(`worker ${runner.id} started on ${database.kind}`);

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  await runner.stop();
  await closeDatabase();
  process.exit(code);
}
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

if (process.env.WORKER_EXIT_WHEN_IDLE === "1") {
  const timer = setInterval(async () => {
    if (runner.inFlight() === 0 && (await isIdle(database.db))) {
      clearInterval(timer);
      console.log(`worker ${runner.id} idle, exiting`);
      await stop();
    }
  }, 250);
}
