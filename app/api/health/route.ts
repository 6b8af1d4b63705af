import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db";
import { migrationCount } from "@/lib/db/migrate";
import { configProblems } from "@/lib/config/check";
import { healthAnswer, mayReadHealthDetails } from "@/lib/health/access";
import { processingView } from "@/lib/health/processing";
import { probeFailure, withTimeout } from "@/lib/health/probe";

export const dynamic = "force-dynamic";

/**
 * Readiness of the web process: 200 `{ ok: true }`, or 503 `{ ok: false }`. With METRICS_TOKEN or
 * an admin session the answer also says why (the variable on a configuration problem, a short
 * reason when the database is down) and carries the database, migrations and the processing view
 * (live runners, queue depth, oldest due operation). A processing stall is reported here and
 * answered with 503 by /api/health/processing.
 */
export async function GET(request: Request) {
  const details = await mayReadHealthDetails(request);
  const problems = configProblems("web");
  if (problems.length > 0) {
    return healthAnswer({ ok: false, error: problems[0]!.message, config: problems.map((p) => p.message) }, 503, details);
  }
  try {
    const answer = await withTimeout(check());
    return healthAnswer({ ok: true, ...answer }, 200, details);
  } catch (error) {
    console.error(`health check failed: ${probeFailure(error)}`);
    return healthAnswer({ ok: false, error: probeFailure(error) }, 503, details);
  }
}

async function check() {
  const database = await getDatabase();
  await database.db.execute(sql`select 1`);
  return { db: database.kind, migrations: await migrationCount(database), processing: await processingView(database.db) };
}
