/**
 * One panel simulator in its own process (used by the benchmark, so the panel's work does not
 * share a core with the billing): prints its URL on the first line, stops on SIGTERM.
 */
import { startIspmanagerSimulator } from "../lib/modules/ispmanager/simulator";

const sim = await startIspmanagerSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 0) });
console.log(sim.url);
process.on("SIGTERM", async () => {
  await sim.close();
  process.exit(0);
});
