import type { Simulator } from "../modules/simulator-server";
import { startIspmanagerSimulator } from "../modules/ispmanager/simulator";

export const DEMO_PANEL_USER = "admin";
export const DEMO_PANEL_PASSWORD = "demo-panel-secret";

/** Ports of the demo panel simulators, from SIMULATOR_BASE_PORT (default 4100). */
export function demoPorts(base = Number(process.env.SIMULATOR_BASE_PORT ?? 4100)) {
  return { ispmanager: base + 1 };
}

export const demoUrl = (port: number) => `http://127.0.0.1:${port}`;

/** Starts one simulator per module on the demo ports, for `npm start` and the e2e tests. */
export async function startDemoSimulators(): Promise<Simulator[]> {
  const ports = demoPorts();
  return Promise.all([
    startIspmanagerSimulator({ port: ports.ispmanager, username: DEMO_PANEL_USER, password: DEMO_PANEL_PASSWORD }),
  ]);
}
