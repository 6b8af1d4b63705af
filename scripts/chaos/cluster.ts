/**
 * The processes of a chaos run: one simulator process per panel, N worker processes that can be
 * killed with SIGKILL and restarted, each in its own process group so nothing outlives the run.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { demoPorts, type DemoSimulatorKind } from "../../lib/demo/simulators";

const root = join(import.meta.dirname, "../..");

export type Proc = { name: string; child: ChildProcess; exited: Promise<number | null>; output: string[] };

// Children live in their own process groups (so a kill reaches tsx and node under it); if this
// process dies first, take them along rather than leave workers claiming from a dropped database.
const alive = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of alive) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

function start(name: string, args: string[], env: NodeJS.ProcessEnv, readyText: string): Promise<Proc> {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const output: string[] = [];
  alive.add(child);
  const exited = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      alive.delete(child);
      resolve(code);
    }),
  );
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stderr!.on("data", keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${output.join("").slice(-2000)}`)), 60_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      keep(chunk);
      if (chunk.toString().includes(readyText)) {
        clearTimeout(timer);
        resolve({ name, child, exited, output });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before it started: ${output.join("").slice(-2000)}`));
    });
  });
}

/** Kills the whole process group of a child (tsx and node under it). */
export async function kill(proc: Proc, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  try {
    process.kill(-proc.child.pid!, signal);
  } catch {
    // already gone
  }
  await proc.exited;
}

export const simulatorKinds: DemoSimulatorKind[] = ["ispmanager", "cpanel", "vmmanager", "vcloud", "webnames", "epp"];

/** Starts the six demo simulators, each in its own process on the demo ports of SIMULATOR_BASE_PORT. */
export async function startSimulatorProcesses(env: NodeJS.ProcessEnv): Promise<Record<DemoSimulatorKind, Proc & { control: string }>> {
  const ports = demoPorts(Number(env.SIMULATOR_BASE_PORT));
  const procs = await Promise.all(
    simulatorKinds.map(async (kind) => {
      const proc = await start(`simulator ${kind}`, ["--import", "tsx", "scripts/simulator-process.ts"], { ...env, SIMULATOR_KIND: kind, SIMULATOR_PORT: String(ports[kind]) }, "http://");
      const control = proc.output.join("").match(/http:\/\/\S+/)![0];
      return [kind, { ...proc, control }] as const;
    }),
  );
  return Object.fromEntries(procs) as Record<DemoSimulatorKind, Proc & { control: string }>;
}

/** The compiled worker (dist/worker.mjs, built by buildCommands): it boots in a fraction of tsx's time. */
export function startWorker(env: NodeJS.ProcessEnv, index: number): Promise<Proc> {
  return start(`worker ${index}`, ["dist/worker.mjs"], env, "started");
}
