/** The ISPmanager simulator of `npm run bench` and `npm run bench:profile`, in a process of its own. */
import { spawn } from "node:child_process";
import type { IspState } from "../lib/modules/ispmanager/simulator";

/** The simulator runs in its own process, as a real panel would not share the billing's CPU. */
export async function startSimulatorProcess() {
  // BENCH_SIM_PROFILE_DIR: the simulator writes a CPU profile there when it stops (--cpu-prof).
  const profile = process.env.BENCH_SIM_PROFILE_DIR ? ["--cpu-prof", "--cpu-prof-dir", process.env.BENCH_SIM_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "scripts/simulator-process.ts"], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve) => child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim())));
  const post = (path: string, body: unknown) =>
    fetch(`${url}${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  return {
    url,
    setFaults: (faults: Record<string, unknown>) => post("/__sim/faults", faults),
    state: async () => ((await (await fetch(`${url}/__sim/state`)).json()) as { state: IspState }).state,
    close: () => child.kill("SIGTERM"),
  };
}
