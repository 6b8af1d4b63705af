import { assertConfig } from "../config/check";
import { getDatabase, type Db } from "../db";
import { recordHeartbeat, setRunnerKind } from "../health/heartbeat";

/**
 * The database of a Trigger.dev task run. A task refuses to run without DATABASE_URL and
 * APP_ENCRYPTION_KEY (a ConfigError naming the variable, seen in the run's error): a task never
 * falls back to an empty embedded PGlite or a key of its own.
 */
export async function taskDatabase(): Promise<Db> {
  assertConfig("task");
  setRunnerKind("trigger");
  return (await getDatabase()).db;
}

/** The every-minute sweep counts as the runner of a Trigger.dev installation in the health view. */
export async function sweepHeartbeat(db: Db, ran: number): Promise<void> {
  await recordHeartbeat(db, { id: "trigger-sweep", inFlight: 0, processed: ran }, { kind: "trigger", intervalMs: 60_000, force: true });
}

/** Calls a delivery until a round finds nothing to do (at most `rounds` times); sums what it did. */
export async function drain<T extends Record<string, number>>(deliver: () => Promise<T>, rounds = 20): Promise<T> {
  let total: T | undefined;
  for (let round = 0; round < rounds; round++) {
    const r = await deliver();
    total = total ? (Object.fromEntries(Object.entries(total).map(([k, v]) => [k, v + (r[k] ?? 0)])) as T) : r;
    if (Object.values(r).every((v) => v === 0)) break;
  }
  return total!;
}
