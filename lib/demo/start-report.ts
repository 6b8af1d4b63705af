import { spawn } from "node:child_process";
import type { Simulator } from "../modules/simulator-server";
import type { DemoSimulatorKind } from "./simulators";

const names: Record<DemoSimulatorKind, string> = { ispmanager: "ISPmanager", cpanel: "cPanel (WHM)", vmmanager: "VMmanager", vcloud: "vCloud Director", webnames: "Webnames", epp: "EPP registry" };

/** One line per running simulator: the panel it stands in for and the address it really listens on. */
export function simulatorLines(kinds: readonly DemoSimulatorKind[], simulators: readonly Pick<Simulator, "url">[]): string[] {
  return kinds.map((kind, i) => `  ${names[kind].padEnd(16)} ${simulators[i]?.url ?? "not running"}`);
}

/** "45 s", "2 min 05 s": how long the build has run. */
export function elapsed(ms: number): string {
  const s = Math.floor(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
}

/**
 * Runs `next build`, passing its output through and, whenever it is quiet for `quietMs`, saying it
 * is still building and for how long (a first build takes minutes on a small, busy machine).
 * Resolves with the exit code.
 */
export function buildWithProgress(command: string, args: string[], opts: { env: NodeJS.ProcessEnv; quietMs?: number; print?: (line: string) => void }): Promise<number> {
  const print = opts.print ?? ((line: string) => console.log(line));
  const started = Date.now();
  let lastOutput = started;
  const child = spawn(command, args, { env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
  const pass = (chunk: Buffer, to: NodeJS.WriteStream) => {
    lastOutput = Date.now();
    to.write(chunk);
  };
  child.stdout.on("data", (c: Buffer) => pass(c, process.stdout));
  child.stderr.on("data", (c: Buffer) => pass(c, process.stderr));
  const quiet = opts.quietMs ?? 15_000;
  const timer = setInterval(() => {
    if (Date.now() - lastOutput >= quiet) {
      lastOutput = Date.now();
      print(`  … still building, ${elapsed(Date.now() - started)} so far`);
    }
  }, Math.min(quiet, 5000));
  return new Promise((resolve) => {
    child.on("error", () => resolve(1));
    child.on("exit", (code) => {
      clearInterval(timer);
      print(code === 0 ? `Built in ${elapsed(Date.now() - started)}.` : `The build failed after ${elapsed(Date.now() - started)}.`);
      resolve(code ?? 1);
    });
  });
}
