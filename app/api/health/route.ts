import { sql } from "drizzle-orm";
import { getDatabase } from "@/lib/db";
import { migrationCount } from "@/lib/db/migrate";
import { ConfigError } from "@/lib/env";

export const dynamic = "force-dynamic";

const TIMEOUT_MS = 5_000;

/** Liveness of the app and its database: 200 with the migration count, or 503 with a short reason. */
export async function GET() {
  try {
    const answer = await withTimeout(check(), TIMEOUT_MS);
    return Response.json({ ok: true, ...answer });
  } catch (error) {
    console.error("health check failed:", error);
    return Response.json({ ok: false, error: reason(error) }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}

async function check() {
  const database = await getDatabase();
  await database.db.execute(sql`select 1`);
  return { db: database.kind, migrations: await migrationCount(database) };
}

function reason(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof TimeoutError) return "database did not answer in time";
  const code = findCode(error);
  return code ? `database unavailable (${code})` : "database unavailable";
}

function findCode(error: unknown): string | undefined {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
