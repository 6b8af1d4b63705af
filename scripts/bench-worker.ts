/**
 * One processing runner in a process of its own, for the two-worker phase of `npm run bench`
 * (scripts/bench-workers.ts), on BENCH_WORKER_URL with a pool of BENCH_WORKER_POOL connections
 * (default 16). Reads commands on stdin, one a line: `start` starts a runner as the one-worker
 * figure's is started (no outbox, no syncs, PROCESSING_CONCURRENCY, default 64) and prints
 * "started"; `stop` stops it (it finishes what it holds) and prints "stopped <processed>"; `exit`
 * closes the pool and exits. Prints "ready" once connected. The process stays up between runs, so
 * a measured run finds its code compiled and its connections' statements prepared.
 */
import { createInterface } from "node:readline";
import { connect } from "../lib/db/connect";
import { startRunner, type Runner } from "../lib/processing/runner";

const url = process.env.BENCH_WORKER_URL;
if (!url) throw new Error("BENCH_WORKER_URL is not set");
const database = await connect({ kind: "postgres", url, max: Number(process.env.BENCH_WORKER_POOL ?? 16) });
const concurrency = Number(process.env.PROCESSING_CONCURRENCY ?? 64);
let runner: Runner | undefined;

async function command(line: string) {
  if (line === "start") {
    runner = await startRunner(database, { outbox: false, syncs: false, concurrency });
    console.log("started");
  } else if (line === "stop") {
    await runner?.stop();
    console.log(`stopped ${runner?.processed() ?? 0}`);
    runner = undefined;
  } else if (line === "exit") {
    await runner?.stop();
    await database.close();
    process.exit(0);
  }
}

createInterface({ input: process.stdin }).on("line", (line) => {
  command(line.trim()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
console.log("ready");
