import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import type { Conn } from "../db";
import { runnerHeartbeats } from "../db/schema/runner-heartbeats";
import type { RunnerKind } from "../vocabulary";

export const HEARTBEAT_MS = 5_000;

const state = { kind: "worker" as RunnerKind, last: new Map<string, number>() };

/** Says what this process is, for the heartbeats of the runners it starts (web, worker or trigger). */
export function setRunnerKind(kind: RunnerKind): void {
  state.kind = kind;
}

/**
 * Called by the runner on every turn of its loop; writes this runner's row at most every
 * HEARTBEAT_MS, with the database's time; a runner's first beat forgets runners silent for a day. A failed write is ignored:
 * the runner's own work reports the database error.
 */
export async function recordHeartbeat(
  conn: Conn,
  runner: { id: string; inFlight: number; processed: number },
  opts: { kind?: RunnerKind; intervalMs?: number; force?: boolean } = {},
): Promise<void> {
  const intervalMs = opts.intervalMs ?? HEARTBEAT_MS;
  const last = state.last.get(runner.id) ?? 0;
  if (!opts.force && Date.now() - last < intervalMs) return;
  state.last.set(runner.id, Date.now());
  const row = { id: runner.id, kind: opts.kind ?? state.kind, host: hostname(), pid: process.pid, intervalMs, inFlight: runner.inFlight, processed: runner.processed };
  try {
    await conn
      .insert(runnerHeartbeats)
      .values(row)
      .onConflictDoUpdate({ target: runnerHeartbeats.id, set: { seenAt: sql`now()`, inFlight: row.inFlight, processed: row.processed } });
    if (last === 0) await conn.delete(runnerHeartbeats).where(sql`${runnerHeartbeats.seenAt} < now() - interval '1 day'`);
  } catch {
    state.last.delete(runner.id);
  }
}

/** A runner that stops cleanly removes its row at once: it no longer counts as alive. Errors are ignored (the row then ages out). */
export async function removeHeartbeat(conn: Conn, runnerId: string): Promise<void> {
  state.last.delete(runnerId);
  await conn.delete(runnerHeartbeats).where(sql`${runnerHeartbeats.id} = ${runnerId}`).catch(() => {});
}
