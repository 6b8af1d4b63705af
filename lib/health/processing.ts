import { sql } from "drizzle-orm";
import type { Conn } from "../db";
import { rows } from "../db/rows";
import { KEY_REFUSED } from "../email/key-refused";

/** Due work older than this, or due work with no live runner, is a stall. */
export const STALL_SECONDS = 120;

export type ProcessingView = {
  runners: { id: string; kind: string; host: string; pid: number; inFlight: number; processed: number; secondsSinceSeen: number }[];
  /** Operations due now: queued or waiting past their time, or running past their lease. */
  due: number;
  oldestDueSeconds: number | null;
  emailsDue: number;
  /** Emails given up on; keyRefused when Resend refused the key (401/403) for any of them. */
  emailsFailed: number;
  emailKeyRefused: boolean;
  stalled: boolean;
};

/** The operator's view of processing: live runners (by heartbeat), queue depth, age of the oldest due operation. */
export async function processingView(conn: Conn): Promise<ProcessingView> {
  const runners = await rows<{ id: string; kind: string; host: string; pid: number; in_flight: number; processed: number; age: string }>(
    conn,
    sql`select id, kind, host, pid, in_flight, processed, extract(epoch from now() - seen_at)::float8 as age
        from runner_heartbeats where seen_at > now() - interval_ms * 3 * interval '1 millisecond' order by started_at, id`,
  );
  const [queue] = await rows<{ due: number; oldest: string | null; emails: number; failed: number; refused: boolean }>(
    conn,
    sql`select
          (select count(*)::int from operations
            where (status in ('queued', 'waiting') and run_at <= now()) or (status = 'running' and lease_until < now())) as due,
          (select extract(epoch from now() - min(case when status = 'running' then lease_until else run_at end))::float8 from operations
            where (status in ('queued', 'waiting') and run_at <= now()) or (status = 'running' and lease_until < now())) as oldest,
          (select count(*)::int from email_outbox where status = 'queued' and run_at <= now()) as emails,
          (select count(*)::int from email_outbox where status = 'failed') as failed,
          exists (select 1 from email_outbox where status = 'failed' and last_error like ${`${KEY_REFUSED}%`}) as refused`,
  );
  const due = Number(queue?.due ?? 0);
  const oldestDueSeconds = queue?.oldest == null ? null : Math.max(0, Math.round(Number(queue.oldest)));
  return {
    runners: runners.map((r) => ({
      id: r.id,
      kind: r.kind,
      host: r.host,
      pid: Number(r.pid),
      inFlight: Number(r.in_flight),
      processed: Number(r.processed),
      secondsSinceSeen: Math.round(Number(r.age)),
    })),
    due,
    oldestDueSeconds,
    emailsDue: Number(queue?.emails ?? 0),
    emailsFailed: Number(queue?.failed ?? 0),
    emailKeyRefused: Boolean(queue?.refused),
    stalled: due > 0 && (runners.length === 0 || (oldestDueSeconds ?? 0) > STALL_SECONDS),
  };
}
