/** `npm run simulators`: the demo panel simulators alone, for `npm run dev` or a worker. */
import { startDemoSimulators } from "../lib/demo/simulators";

const simulators = await startDemoSimulators();
console.log(`Panel simulators: ${simulators.map((s) => s.url).join(", ")}`);
process.on("SIGINT", async () => {
  await Promise.all(simulators.map((s) => s.close()));
  process.exit(0);
});
