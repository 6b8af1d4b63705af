import { sql } from "drizzle-orm";
import type { Conn } from "../db";
import { rows } from "../db/rows";

/** True when no operation is due or in flight and no email waits to leave. */
export async function isIdle(conn: Conn): Promise<boolean> {
  const [row] = await rows<{ n: number }>(
    conn,
    sql`select (select count(*) from operations where status in ('queued', 'running', 'waiting'))
             + (select count(*) from email_outbox where status in ('queued', 'sending')) as n`,
  );
  return Number(row?.n ?? 0) === 0;
}
