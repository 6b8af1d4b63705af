import { sql } from "drizzle-orm";
import type { Conn } from "../db";

export const WORK_CHANNEL = "provisio_work";

/**
 * Wakes the runners: a NOTIFY sent inside the caller's transaction, delivered by the database
 * only when it commits, so a runner never wakes to work that is not yet visible.
 */
export async function notifyRunners(conn: Conn): Promise<void> {
  await conn.execute(sql`select pg_notify(${WORK_CHANNEL}, '')`);
}
