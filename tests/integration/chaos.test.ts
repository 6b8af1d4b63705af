import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readDatabaseUrl } from "@/lib/env";
import { chaosRun } from "../../scripts/chaos/run";

/**
 * The short chaos run (the full one is `npm run chaos`): on PostgreSQL, 20 worker kills while
 * panels fail and connections are cut, then nothing lost, doubled, stuck, mis-mailed or mis-charged.
 * Several worker processes cannot share embedded PGlite, so there the run must refuse clearly.
 */
describe("chaos", () => {
  const url = readDatabaseUrl();

  it(url ? "20 kills, every panel faulted, connections cut: nothing lost, doubled or stuck" : "refuses embedded PGlite with a clear message", async () => {
    if (!url) {
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/chaos.ts"], { env: { ...process.env, DATABASE_URL: "" }, encoding: "utf8" });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain("needs PostgreSQL: set DATABASE_URL");
      return;
    }
    const { figures, findings } = await chaosRun({ url, seconds: 30, kills: 20, workers: 3, settleSeconds: 120 });
    expect(findings).toEqual({ stuck: [], lost: [], duplicates: [], orphans: [], state: [], email: [], webhooks: [], ledger: [] });
    expect(figures.chaos_kills).toBeGreaterThanOrEqual(20);
    expect(figures.chaos_backends_terminated).toBeGreaterThan(0);
    expect(figures.chaos_unsettled).toBe(0);
    expect(figures.chaos_services).toBeGreaterThan(20);
    expect(figures.chaos_active).toBeGreaterThan(0);
  }, 300_000);
});
