/** The chaos itself: panel faults switched on and off, workers killed, database connections cut. */
import postgres from "postgres";
import type { DemoSimulatorKind } from "../../lib/demo/simulators";
import { calm, setFaults } from "./panels";
import { kill, startWorker, type Proc } from "./cluster";

const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One random fault: the panel's error, 5xx, garbage, a hang, slowness, an ambiguous answer, an ignored create or a lost answer. */
function randomFault(): Record<string, unknown> {
  return pick([
    { failNext: 1 + Math.floor(Math.random() * 3) },
    { http500: true },
    { garbage: true },
    { timeout: true },
    { slowMs: 200 + Math.floor(Math.random() * 800) },
    { ambiguous: true },
    { ignoreCreate: true },
    { loseAnswer: true },
  ]);
}

export type Chaos = { kills: number; faultSwitches: number; backendKills: number; errors: string[] };

export async function runChaos(opts: {
  until: number;
  kills: number;
  controls: Record<DemoSimulatorKind, string>;
  /** Slots of the worker processes; null while one restarts. */
  workers: (Proc | null)[];
  workerEnv: NodeJS.ProcessEnv;
  databaseUrl: string;
  databaseName: string;
}): Promise<Chaos> {
  const chaos: Chaos = { kills: 0, faultSwitches: 0, backendKills: 0, errors: [] };
  const span = opts.until - Date.now();
  const killEvery = Math.max(200, span / Math.max(1, opts.kills));

  // Restarts run in the background (a worker takes a second or two to boot): the next kill takes any worker that is up.
  const starting = new Set<Promise<void>>();
  const killer = (async () => {
    while (Date.now() < opts.until || chaos.kills < opts.kills) {
      await sleep(killEvery * (0.5 + Math.random()));
      const up = opts.workers.map((w, i) => (w ? i : -1)).filter((i) => i >= 0);
      if (up.length === 0) continue;
      const index = pick(up);
      const victim = opts.workers[index]!;
      opts.workers[index] = null;
      await kill(victim);
      chaos.kills++;
      // A worker that dies while it boots is a finding; it is started again, as a supervisor would.
      const restart = (async () => {
        for (let tries = 0; tries < 3; tries++) {
          try {
            opts.workers[index] = await startWorker(opts.workerEnv, index);
            return;
          } catch (error) {
            chaos.errors.push(`restart of worker ${index}: ${(error as Error).message.slice(0, 500)}`);
          }
        }
      })();
      starting.add(restart);
      void restart.finally(() => starting.delete(restart));
    }
    await Promise.all(starting);
  })();

  const switcher = (async () => {
    const kinds = Object.keys(opts.controls) as DemoSimulatorKind[];
    while (Date.now() < opts.until) {
      const kind = pick(kinds);
      const faulty = Math.random() < 0.6;
      await setFaults(opts.controls[kind], faulty ? { ...calm, ...randomFault() } : calm);
      chaos.faultSwitches++;
      await sleep(300 + Math.random() * 1200);
    }
  })();

  const cutter = (async () => {
    const admin = postgres(opts.databaseUrl, { max: 1, onnotice: () => {} });
    try {
      for (let i = 0; i < 3; i++) {
        await sleep(span / 4);
        if (Date.now() >= opts.until) break;
        const rows = await admin`select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = ${opts.databaseName} and pid <> pg_backend_pid()`;
        chaos.backendKills += rows.filter((r) => r.ok).length;
      }
    } finally {
      await admin.end({ timeout: 5 });
    }
  })();

  await Promise.all([killer, switcher, cutter]);
  await Promise.all(Object.values(opts.controls).map((control) => setFaults(control, calm)));
  return chaos;
}
