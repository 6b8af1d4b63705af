/**
 * `npm run chaos` (PostgreSQL, DATABASE_URL): orders and changes services of every product type
 * while workers are killed, panels fail and database connections are cut; then checks that nothing
 * was lost, doubled or left stuck. Prints one JSON line per figure; exits 1 on any finding.
 * CHAOS_SECONDS (default 180), CHAOS_KILLS (100), CHAOS_WORKERS (3), CHAOS_SETTLE_SECONDS (120);
 * the web process runs from a production build in .next-chaos (CHAOS_SKIP_BUILD=1 reuses it,
 * CHAOS_WEB=0 calls the REST route handlers in this process instead). CHAOS_STEADY=1: the customers
 * order at CHAOS_STEADY_FRACTION (0.5) of the capacity a warm-up of CHAOS_WARMUP_SECONDS measured.
 */
import { readDatabaseUrl } from "../lib/env";
import { chaosRun } from "./chaos/run";
import { buildNext } from "./next-server";

const url = readDatabaseUrl();
if (!url) {
  console.error("npm run chaos needs PostgreSQL: set DATABASE_URL (several worker processes cannot share embedded PGlite).");
  process.exit(2);
}
const web = process.env.CHAOS_WEB !== "0";
const seconds = Number(process.env.CHAOS_SECONDS ?? 180);
const steady = process.env.CHAOS_STEADY === "1";
if (web && process.env.CHAOS_SKIP_BUILD !== "1") {
  console.error("chaos: next build into .next-chaos");
  buildNext(".next-chaos");
}
const { figures, findings } = await chaosRun({
  webDistDir: web ? ".next-chaos" : undefined,
  url,
  seconds,
  kills: Number(process.env.CHAOS_KILLS ?? 100),
  workers: Number(process.env.CHAOS_WORKERS ?? 3),
  settleSeconds: Number(process.env.CHAOS_SETTLE_SECONDS ?? 120),
  keepDatabase: process.env.CHAOS_KEEP_DB === "1",
  steady: steady ? { warmupSeconds: Number(process.env.CHAOS_WARMUP_SECONDS ?? Math.min(60, Math.max(10, seconds / 5))), fraction: Number(process.env.CHAOS_STEADY_FRACTION ?? 0.5) } : undefined,
});
for (const [name, value] of Object.entries(figures)) console.log(JSON.stringify({ metric: name, value }));
let failed = 0;
for (const [kind, list] of Object.entries(findings)) {
  for (const finding of list) {
    failed++;
    console.error(`${kind}: ${finding}`);
  }
}
process.exit(failed > 0 ? 1 : 0);
