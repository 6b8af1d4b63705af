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
  /** EPP passwords are 6–16 characters (RFC 5730 pwType). */
  eppPassword: "demo-epp-secret",
};

/** Ports of the demo panel simulators, from SIMULATOR_BASE_PORT (default 4100). */
export function demoPorts(base = Number(process.env.SIMULATOR_BASE_PORT ?? 4100)) {
  return { ispmanager: base + 1, cpanel: base + 2, vmmanager: base + 3, vcloud: base + 4, webnames: base + 5, epp: base + 6 };
}

export const demoUrl = (port: number) => `http://127.0.0.1:${port}`;

export type DemoSimulatorKind = keyof ReturnType<typeof demoPorts>;

/** Starts the demo simulator of one panel on a port, with the demo panel's credentials. */
export function startDemoSimulator(kind: DemoSimulatorKind, port: number): Promise<Simulator> {
  const { user, password, email, org, vdcId, clID } = demoPanel;
  switch (kind) {
    case "ispmanager":
      return startIspmanagerSimulator({ port, username: user, password });
    case "cpanel":
      return startCpanelSimulator({ port, username: "root", apiToken: password });
    case "vmmanager":
      return startVmmanagerSimulator({ port, email, password, pollsToComplete: 1 });
    case "vcloud":
      return startVcloudSimulator({ port, org, username: user, password, vdcId, pollsToComplete: 1 });
    case "webnames":
      return startWebnamesSimulator({ port, username: user, password, approvalPolls: 0 });
    case "epp":
      return startEppSimulator({ port, clID, password: demoPanel.eppPassword });
  }
}

/** Starts one simulator per module on the demo ports, for `npm start` and the end-to-end tests. */
export async function startDemoSimulators(): Promise<Simulator[]> {
  const p = demoPorts();
  const started = await Promise.allSettled((Object.keys(p) as DemoSimulatorKind[]).map((kind) => startDemoSimulator(kind, p[kind])));
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
