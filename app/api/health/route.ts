import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db";
import { migrationCount } from "@/lib/db/migrate";
import { configProblems } from "@/lib/config/check";
import { processingView } from "@/lib/health/processing";
import { probeFailure, withTimeout } from "@/lib/health/probe";

export const dynamic = "force-dynamic";

const noStore = { "cache-control": "no-store" };

/**
 * Readiness of the web process: 200 with the database, migrations and the processing view (live
 * runners, queue depth, oldest due operation); 503 naming the variable on a configuration
 * problem, or with a short reason when the database is down. A processing stall is reported
 * here and answered with 503 by /api/health/processing.
 */
export async function GET() {
  const problems = configProblems("web");
  if (problems.length > 0) {
    return Response.json({ ok: false, error: problems[0]!.message, config: problems.map((p) => p.message) }, { status: 503, headers: noStore });
  }
  try {
    const answer = await withTimeout(check());
    return Response.json({ ok: true, ...answer }, { headers: noStore });
  } catch (error) {
    console.error(`health check failed: ${probeFailure(error)}`);
    return Response.json({ ok: false, error: probeFailure(error) }, { status: 503, headers: noStore });
  }
}

async function check() {
  const database = await getDatabase();
  await database.db.execute(sql`select 1`);
  return { db: database.kind, migrations: await migrationCount(database), processing: await processingView(database.db) };
}
