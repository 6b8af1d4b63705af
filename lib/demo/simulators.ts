import type { Simulator } from "../modules/simulator-server";
import { startCpanelSimulator } from "../modules/cpanel/simulator";
import { startEppSimulator } from "../modules/epp/simulator";
import { startIspmanagerSimulator } from "../modules/ispmanager/simulator";
import { startVcloudSimulator } from "../modules/vcloud/simulator";
import { startVmmanagerSimulator } from "../modules/vmmanager/simulator";
import { startWebnamesSimulator } from "../modules/webnames/simulator";

/** Credentials of the local demo panels (simulators, never real panels). */
export const demoPanel = {
  user: "admin",
  password: "demo-panel-secret",
  email: "admin@panel.test",
  org: "provider",
  vdcId: "a93c9db9-7471-3192-8d09-a8f7eeda85f9",
  clID: "provisio",
};

/** Ports of the demo panel simulators, from SIMULATOR_BASE_PORT (default 4100). */
export function demoPorts(base = Number(process.env.SIMULATOR_BASE_PORT ?? 4100)) {
  return { ispmanager: base + 1, cpanel: base + 2, vmmanager: base + 3, vcloud: base + 4, webnames: base + 5, epp: base + 6 };
}

export const demoUrl = (port: number) => `http://127.0.0.1:${port}`;

/** Starts one simulator per module on the demo ports, for `npm start` and the end-to-end tests. */
export async function startDemoSimulators(): Promise<Simulator[]> {
  const p = demoPorts();
  const { user, password, email, org, vdcId, clID } = demoPanel;
  const started = await Promise.allSettled([
    startIspmanagerSimulator({ port: p.ispmanager, username: user, password }),
    startCpanelSimulator({ port: p.cpanel, username: "root", apiToken: password }),
    startVmmanagerSimulator({ port: p.vmmanager, email, password, pollsToComplete: 1 }),
    startVcloudSimulator({ port: p.vcloud, org, username: user, password, vdcId, pollsToComplete: 1 }),
    startWebnamesSimulator({ port: p.webnames, username: user, password, approvalPolls: 0 }),
    startEppSimulator({ port: p.epp, clID, password }),
  ]);
  const failed = started.find((s) => s.status === "rejected");
  const running = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
  if (!failed) return running;
  await Promise.all(running.map((s) => s.close()));
  throw failed.reason;
}

/**
 * For tests: the demo simulators on a free block of ports below the ephemeral range, tried a few
 * times; SIMULATOR_BASE_PORT is set to the block found, so the demo handlers point at them.
 */
export async function startDemoSimulatorsOnFreePorts(): Promise<Simulator[]> {
  for (let tries = 0; ; tries++) {
    process.env.SIMULATOR_BASE_PORT = String(10_000 + Math.floor(Math.random() * 1500) * 10);
    try {
      return await startDemoSimulators();
    } catch (error) {
      if (tries >= 9 || (error as { code?: string }).code !== "EADDRINUSE") throw error;
    }
  }
}
