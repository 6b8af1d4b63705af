import { createHash } from "node:crypto";
import type { SimReply } from "../simulator-server";
import type { Composed } from "./simulator-compose";
import { escapeXml as esc } from "./xml";

/** The data of the VCD simulator: what the vDC holds, and how the legacy API shows it. */

export type SimVApp = Composed & {
  id: string;
  description: string;
  vdcId: string;
  /** -1 failed creation, 0 being built, 4 powered on, 8 powered off. */
  status: number;
  deployed: boolean;
  /** Who made it: through the API, or planted behind the billing's back (what /__sim/state shows). */
  owner: "api" | "other";
  osType: string;
  hardwareVersion: string;
  /** The VM's NIC: an IP only when it is connected to an org network. */
  network?: string;
  ip?: string;
  passwordHash: string;
};
export type Effect = "composed" | "poweredOn" | "poweredOff" | "undeployed" | "deleted";
export type SimTask = { id: string; operationName: string; vAppId: string; effect: Effect; polls: number; status: string; error?: string };
export type VcdCall = { method: string; path: string; query: Record<string, string> };
export type SimVersion = { version: string; deprecated: boolean };

export type VcdState = {
  vapps: Record<string, SimVApp>;
  tasks: Record<string, SimTask>;
  /** What every accepted composeVApp asked for, as parsed from the XML. */
  composed: Composed[];
  calls: VcdCall[];
  /** The API versions offered by GET /api/versions; any other answers 406. */
  versions: SimVersion[];
  /** Org networks of the vDC: name → href path. */
  networks: Map<string, string>;
  /** Sessions logged in so far; open ones are in `sessions`. */
  logins: number;
  sessionLifetimeMs: number;
  /** A task reports success on its K-th poll. */
  pollsToComplete: number;
  /** Answer HTTP 503 to the next N calls. */
  unavailableNext: number;
  /** The next task that finishes ends in "error" with this message. */
  failNextTask: string | null;
  /** The next N queries answer no records, as a lagging query service would. */
  staleQueries: number;
};

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
export const NS = 'xmlns="http://www.vmware.com/vcloud/v1.5"';
export const hash = (value: string) => createHash("sha256").update(value).digest("hex");
export const AFTER: Record<Effect, Partial<SimVApp>> = {
  composed: { status: 4, deployed: true },
  poweredOn: { status: 4, deployed: true },
  poweredOff: { status: 8 },
  undeployed: { status: 8, deployed: false },
  deleted: {},
};
/** VCD 10.5.1 (protocols §4): 36.3 is deprecated there; 37.x and 38.x are current. */
export const defaultVersions = (): SimVersion[] => [
  { version: "36.3", deprecated: true }, { version: "37.0", deprecated: false }, { version: "37.2", deprecated: false },
  { version: "38.0", deprecated: false }, { version: "38.1", deprecated: false },
];

export const xml = (status: number, body: string, headers: Record<string, string> = {}): SimReply => ({
  status, headers: { "content-type": "application/vnd.vmware.vcloud+xml", ...headers }, body: XML_HEAD + body,
});
export const vcdError = (status: number, minor: string, message: string) =>
  xml(status, `<Error ${NS} majorErrorCode="${status}" minorErrorCode="${minor}" message="${esc(message)}" stackTrace=""/>`);

export const taskXml = (base: string, t: SimTask) => {
  const error = t.error ? `<Error majorErrorCode="500" minorErrorCode="INTERNAL_SERVER_ERROR" message="${esc(t.error)}"/>` : "";
  return `<Task ${NS} href="${base}/api/task/${t.id}" id="urn:vcloud:task:${t.id}" status="${t.status}" operationName="${t.operationName}"><Owner href="${base}/api/vApp/${t.vAppId}" type="application/vnd.vmware.vcloud.vApp+xml"/>${error}</Task>`;
};

/** A VApp with its running tasks embedded and its one VM: NIC (IP only when connected), host name and hardware. */
export function vappView(base: string, v: SimVApp, running: SimTask[]): string {
  const tasks = running.length ? `<Tasks>${running.map((t) => taskXml(base, t)).join("")}</Tasks>` : "";
  const nic = v.network ? `<NetworkConnection network="${esc(v.network)}"><NetworkConnectionIndex>0</NetworkConnectionIndex>${v.ip ? `<IpAddress>${v.ip}</IpAddress>` : ""}<IsConnected>true</IsConnected><IpAddressAllocationMode>POOL</IpAddressAllocationMode></NetworkConnection>` : "";
  const spec = `<VmSpecSection><OsType>${esc(v.osType)}</OsType><NumCpus>${v.cpus}</NumCpus><MemoryResourceMb><Configured>${v.memoryMb}</Configured></MemoryResourceMb><DiskSection><DiskSettings><SizeMb>${v.diskMb}</SizeMb><AdapterType>5</AdapterType></DiskSettings></DiskSection><HardwareVersion>${esc(v.hardwareVersion)}</HardwareVersion></VmSpecSection>`;
  const vm = `<Vm name="${esc(v.name)}" status="${v.status}"><NetworkConnectionSection><PrimaryNetworkConnectionIndex>0</PrimaryNetworkConnectionIndex>${nic}</NetworkConnectionSection><GuestCustomizationSection><ComputerName>${esc(v.computerName)}</ComputerName></GuestCustomizationSection>${spec}</Vm>`;
  return `<VApp ${NS} name="${esc(v.name)}" id="urn:vcloud:vapp:${v.id.slice(5)}" href="${base}/api/vApp/${v.id}" status="${v.status}" deployed="${v.deployed}"><Description>${esc(v.description)}</Description>${tasks}<Children>${vm}</Children></VApp>`;
}
