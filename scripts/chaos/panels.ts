/** What each simulator holds, read from its control port and reduced to names and states. */
import type { DemoSimulatorKind } from "../../lib/demo/simulators";

export type PanelObject = { name: string; state: "active" | "suspended" | "broken"; foreign: boolean };

type Row = Record<string, unknown>;

function reduce(kind: DemoSimulatorKind, state: Row): PanelObject[] {
  const rows = (key: string) => (Array.isArray(state[key]) ? (state[key] as Row[]) : []);
  const foreign = (r: Row) => r.owner === "other";
  switch (kind) {
    case "ispmanager":
      return rows("users").map((r) => ({ name: String(r.name), state: r.active === false ? "suspended" : "active", foreign: foreign(r) }));
    case "cpanel":
      return rows("accounts").map((r) => ({ name: String(r.user), state: r.suspended ? "suspended" : "active", foreign: foreign(r) }));
    case "vmmanager":
      return rows("vms").map((r) => ({ name: String(r.name), state: r.state === "active" ? "active" : r.state === "stopped" ? "suspended" : "broken", foreign: foreign(r) }));
    case "vcloud":
      return rows("vapps").map((r) => ({ name: String(r.name), state: r.status === 4 ? "active" : r.status === 8 ? "suspended" : "broken", foreign: foreign(r) }));
    case "webnames":
      return rows("domains").map((r) => ({ name: String(r.name), state: r.status === "errsent" ? "broken" : "active", foreign: foreign(r) }));
    case "epp":
      return rows("domains").map((r) => {
        const status = Array.isArray(r.status) ? (r.status as string[]) : [];
        const broken = status.some((s) => /pendingDelete|redemptionPeriod|serverHold/.test(s));
        return { name: String(r.name), state: broken ? "broken" : "active", foreign: r.clID !== undefined && r.clID !== "provisio" };
      });
  }
}

export async function readPanel(kind: DemoSimulatorKind, control: string): Promise<PanelObject[]> {
  const res = await fetch(`${control}/__sim/state`);
  const body = (await res.json()) as { state: Row };
  return reduce(kind, body.state);
}

export async function setFaults(control: string, faults: Record<string, unknown>): Promise<void> {
  await fetch(`${control}/__sim/faults`, { method: "POST", body: JSON.stringify(faults) }).catch(() => {});
}

/** Every switch off (the objects stay). */
export const calm = { failNext: 0, timeout: false, http500: false, garbage: false, slowMs: 0, exists: false, ambiguous: false, ignoreCreate: false, loseAnswer: false };
