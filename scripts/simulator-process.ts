/**
 * One panel simulator in its own process (the benchmark and the chaos run use it, so the panel's
 * work does not share a process with the billing): SIMULATOR_KIND (default ispmanager) on
 * SIMULATOR_PORT (default a free port). Prints its control URL on the first line, stops on SIGTERM.
 */
import { startDemoSimulator, type DemoSimulatorKind } from "../lib/demo/simulators";
import { startIspmanagerSimulator } from "../lib/modules/ispmanager/simulator";

const kind = (process.env.SIMULATOR_KIND ?? "ispmanager") as DemoSimulatorKind;
const port = Number(process.env.SIMULATOR_PORT ?? 0);
// The benchmark's ISPmanager takes any credentials it is given; the others use the demo panel's.
const sim = process.env.SIMULATOR_KIND ? await startDemoSimulator(kind, port) : await startIspmanagerSimulator({ port });
console.log(sim.url);
process.on("SIGTERM", async () => {
  await sim.close();
  process.exit(0);
});
