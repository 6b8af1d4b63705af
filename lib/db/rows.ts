import type { SQL } from "drizzle-orm";
import type { Conn } from "./types";

/** Runs raw SQL and returns its rows on PGlite ({ rows }) and postgres.js (an array) alike. */
export async function rows<T>(conn: Conn, query: SQL): Promise<T[]> {
  const result = (await conn.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
