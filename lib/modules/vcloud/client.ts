import { ModuleError } from "../contract";
import type { VcdConnection, VcdSession } from "./session";
import type { WireResponse } from "./wire";
import { element, elements, idOf, textOf } from "./xml";

export type { VcdConnection, VcdSession } from "./session";

export type VcdTask = { id: string; status: string; operationName: string; message?: string };
export type VcdVm = { cpus?: number; memoryMb?: number; diskMb?: number; ip?: string; hostname?: string };
export type VcdVApp = {
  id: string;
  name: string;
  status: number;
  deployed: boolean;
  description: string;
  /** Tasks still going on the vApp, as the vApp answer embeds them. */
  tasks: VcdTask[];
  vm: VcdVm;
};

/** vApp status codes of the legacy API (TaskType / ResourceEntityType). */
export const VAPP = { failedCreation: -1, unresolved: 0, resolved: 1, suspended: 3, poweredOn: 4, poweredOff: 8 } as const;
/** Working vApps: running, or off (resolved, suspended, powered off) after a suspend. */
export const HEALTHY: ReadonlySet<number> = new Set([VAPP.poweredOn, VAPP.poweredOff, VAPP.resolved, VAPP.suspended]);
/** Task statuses (protocols §4): success is the only success. */
export const TASK_RUNNING = new Set(["queued", "preRunning", "running", "postRunning"]);
export const TASK_FAILED = new Set(["error", "canceled", "aborted"]);

const num = (text: string | undefined) => (text !== undefined && text !== "" && Number.isFinite(Number(text)) ? Number(text) : undefined);

function taskOf(attrs: Record<string, string>, inner = ""): VcdTask {
  const error = element(inner, "Error")?.attrs.message;
  return { id: idOf(attrs.href), status: attrs.status ?? "", operationName: attrs.operationName ?? "", ...(error ? { message: error } : {}) };
}

function vmOf(xml: string): VcdVm {
  const vm = element(xml, "Vm")?.inner ?? "";
  const spec = element(vm, "VmSpecSection")?.inner ?? "";
  const disks = elements(element(spec, "DiskSection")?.inner ?? "", "SizeMb").map((d) => Number(d.inner));
  const connected = elements(element(vm, "NetworkConnectionSection")?.inner ?? "", "NetworkConnection").find((n) => textOf(n.inner, "IsConnected") === "true");
  const ip = connected ? textOf(connected.inner, "IpAddress") : undefined;
  const hostname = textOf(element(vm, "GuestCustomizationSection")?.inner ?? "", "ComputerName");
  return {
    cpus: num(textOf(spec, "NumCpus")),
    memoryMb: num(textOf(element(spec, "MemoryResourceMb")?.inner ?? "", "Configured")),
    diskMb: disks.length ? disks.reduce((a, b) => a + b, 0) : undefined,
    ...(ip ? { ip } : {}),
    ...(hostname ? { hostname } : {}),
  };
}

/** A VApp answer; anything else is neither success nor a known error. */
export function parseVApp(xml: string): VcdVApp {
  const root = element(xml, "VApp");
  if (!root?.attrs.href) throw new ModuleError("bad_response", "vCloud: the answer has no VApp", true);
  const ownTasks = element(root.inner.replace(/<Children[\s\S]*<\/Children>/, ""), "Tasks")?.inner ?? "";
  return {
    id: idOf(root.attrs.href),
    name: root.attrs.name ?? "",
    status: Number(root.attrs.status ?? VAPP.unresolved),
    deployed: root.attrs.deployed === "true",
    description: textOf(root.inner.replace(/<Children[\s\S]*<\/Children>/, ""), "Description") ?? "",
    tasks: elements(ownTasks, "Task").map((t) => taskOf(t.attrs, t.inner)).filter((t) => TASK_RUNNING.has(t.status)),
    vm: vmOf(root.inner),
  };
}

/** The task an action answered with: the Location header, else the <Task> in the body. */
export function startedTask(res: WireResponse): string {
  const task = element(res.text, "Task");
  const id = idOf(res.headers.get("location") ?? task?.attrs.href);
  if (!id || !task) throw new ModuleError("bad_response", "vCloud: no task in the answer", true);
  return id;
}

/** A task, or null when VCD no longer shows it (403/404). */
export async function getTask(s: VcdSession, id: string): Promise<VcdTask | null> {
  try {
    const task = element((await s.call("GET", `/api/task/${id}`)).text, "Task");
    if (!task) throw new ModuleError("bad_response", `vCloud task ${id}: no Task in the answer`, true);
    return taskOf(task.attrs, task.inner);
  } catch (error) {
    if (error instanceof ModuleError && error.code === "not_found") return null;
    throw error;
  }
}

/** A vApp by id, or null when VCD answers that it is not there (403 ACCESS_TO_RESOURCE_IS_FORBIDDEN, 404). */
export async function getVApp(s: VcdSession, id: string): Promise<VcdVApp | null> {
  try {
    return parseVApp((await s.call("GET", `/api/vApp/${encodeURIComponent(id)}`)).text);
  } catch (error) {
    if (error instanceof ModuleError && error.code === "not_found") return null;
    throw error;
  }
}

// (unconf.) the query service with a FIQL name filter; records carry href and the vDC's href.
export async function findVApps(s: VcdSession, conn: VcdConnection, name: string): Promise<VcdVApp[]> {
  const res = await s.call("GET", "/api/query", { query: { type: "vApp", format: "records", filter: `(name==${name})` } });
  const records = elements(res.text, "VAppRecord").filter((r) => r.attrs.name === name && (!r.attrs.vdc || idOf(r.attrs.vdc) === conn.vdcId));
  const found = await Promise.all(records.map((r) => getVApp(s, idOf(r.attrs.href))));
  return found.filter((v): v is VcdVApp => v !== null);
}

/** The vDC's org networks, and the one a new VM connects to: the named one, or the only one. */
export async function chooseNetwork(s: VcdSession, conn: VcdConnection): Promise<{ name: string; href: string }> {
  const vdc = await s.call("GET", `/api/vdc/${encodeURIComponent(conn.vdcId)}`);
  const networks = elements(element(vdc.text, "AvailableNetworks")?.inner ?? "", "Network").map((n) => ({ name: n.attrs.name ?? "", href: n.attrs.href ?? "" }));
  const chosen = conn.network ? networks.find((n) => n.name === conn.network) : networks.length === 1 ? networks[0] : undefined;
  if (chosen?.href) return chosen;
  const names = networks.map((n) => n.name).join(", ") || "none";
  throw new ModuleError("network_missing", conn.network ? `vCloud vDC has no network '${conn.network}' (it has: ${names})` : `vCloud vDC has several networks or none (${names}): name one in the handler`, false);
}
