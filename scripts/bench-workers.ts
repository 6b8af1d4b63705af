/**
 * Several workers, a phase of `npm run bench` on PostgreSQL: the 0 ms panel's backlog worked by TWO
 * runners in two Node processes (scripts/bench-worker.ts) on the bench's database, measured as
 * `ops_per_s_panel_0ms` is (the backlog paid while no runner runs, the clock from the runners' start
 * to the last service active). Prints `ops_per_s_panel_0ms_2_workers`; `double_claims_2_workers`,
 * the services whose create reached the panel more than once (the simulator's call log), must be 0;
 * `claimed_twice_2_workers`, the operations claimed more than once (a lease that ran out on a
 * loaded machine also counts there); `smaller_share_pct_2_workers`, the share of the worker that did
 * fewer. A run of `warm` operations first, not printed, warms both processes up.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import type { Database } from "../lib/db";
import { rows } from "../lib/db/rows";
import type { IspState } from "../lib/modules/ispmanager/simulator";

type Print = (metric: string, value: number, unit: string) => void;
type Input = {
  database: Database;
  url: string;
  sim: { state(): Promise<IspState> };
  /** Creates and pays `n` services with no runner running; returns how many services were active before. */
  backlog(n: number): Promise<number>;
  activeCount(): Promise<number>;
  print: Print;
};

/** A bench worker process and a way to send it a command and wait for its answer line. */
async function spawnWorker(url: string) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/bench-worker.ts"], {
    env: { ...process.env, BENCH_WORKER_URL: url },
    stdio: ["pipe", "pipe", "inherit"],
  });
  // A bench that fails leaves no worker behind.
  process.once("exit", () => child.kill("SIGTERM"));
  const waiting: ((line: string) => void)[] = [];
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const next = waiting.shift();
    if (next) next(line);
    else lines.push(line);
  });
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`a bench worker exited (${code})`))));
  exited.catch(() => {});
  const answer = () => Promise.race([exited, new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : waiting.push(resolve)))]);
  const send = async (command: string) => {
    child.stdin!.write(`${command}\n`);
    return answer();
  };
  await answer(); // "ready"
  return {
    start: () => send("start"),
    stop: async () => Number((await send("stop")).split(" ")[1]),
    exit: () => child.stdin!.write("exit\n"),
  };
}

export async function twoWorkers(input: Input, count: number, warm: number) {
  const workers = await Promise.all([spawnWorker(input.url), spawnWorker(input.url)]);
  const run = async (n: number) => {
    const [top] = await rows<{ id: number }>(input.database.db, sql`select coalesce(max(id), 0)::int as id from operations`);
    const calls = (await input.sim.state()).calls.length;
    const before = await input.backlog(n);
    await input.database.db.execute(sql`analyze`);
    const started = performance.now();
    await Promise.all(workers.map((w) => w.start()));
    while ((await input.activeCount()) < before + n) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;
    const processed = await Promise.all(workers.map((w) => w.stop()));
    const creates = new Map<string, number>();
    for (const c of (await input.sim.state()).calls.slice(calls)) {
      if (c.func === "user.add.finish") creates.set(c.params.name ?? "", (creates.get(c.params.name ?? "") ?? 0) + 1);
    }
    const [claimed] = await rows<{ n: number }>(input.database.db, sql`select count(*)::int as n from operations where id > ${Number(top!.id)} and claims > 1`);
    return {
      perSecond: n / seconds,
      doubles: [...creates.values()].filter((k) => k > 1).length,
      claimedTwice: Number(claimed!.n),
      smallerShare: (100 * Math.min(...processed)) / Math.max(1, processed[0]! + processed[1]!),
    };
  };
  try {
    const warmed = await run(warm);
    const measured = await run(count);
    input.print("ops_per_s_panel_0ms_2_workers", measured.perSecond, "ops/s");
    input.print("double_claims_2_workers", warmed.doubles + measured.doubles, "services");
    input.print("claimed_twice_2_workers", warmed.claimedTwice + measured.claimedTwice, "operations");
    input.print("smaller_share_pct_2_workers", measured.smallerShare, "%");
  } finally {
    for (const w of workers) w.exit();
  }
}
