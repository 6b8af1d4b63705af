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
  /** The vApp network's own Description, shown in the vApp's NetworkConfigSection. */
  networkDescription?: string;
  ip?: string;
  passwordHash: string;
};
export type Effect = "composed" | "poweredOn" | "poweredOff" | "undeployed" | "deleted";
export type SimTask = { id: string; operationName: string; vAppId: string; effect: Effect; polls: number; status: string; error?: string; startedAt: number };
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
  /**
   * A task also ends on its own this long after it started, polled or not, as VCD's do (an undeploy
   * whose answer was lost still finishes).
   */
  taskMs: number;
  /** Carry out the next vApp action (power, undeploy, delete), then drop the connection before answering. */
  loseActionAnswer: boolean;
  /** Answer HTTP 503 to the next N calls. */
  unavailableNext: number;
  /** The next task that finishes ends in "error" with this message. */
  failNextTask: string | null;
  /** The next N queries answer no records, as a lagging query service would. */
  staleQueries: number;
  /**
   * Another way a VCD may write the same answers: every element with a `vcloud:` prefix and attributes
   * in single quotes, the VM's sizes only in its OVF VirtualHardwareSection, and the login token only
   * in the legacy x-vcloud-authorization header.
   */
  variant: boolean;
};

/** The same XML with the vCloud namespace bound to a prefix and single-quoted attributes. */
export function prefixed(body: string): string {
  return body
    .replace(/<[^>]+>/g, (tag) => (tag.includes("xmlns:vcloud=") ? tag.replace(/\s*xmlns="[^"]*"/, "") : tag.replace(/xmlns="([^"]*)"/, 'xmlns:vcloud="$1"')))
    .replace(/<(\/?)([A-Za-z]\w*)(?=[\s/>])/g, "<$1vcloud:$2")
    .replace(/(\s[\w:.-]+)="([^"]*)"/g, "$1='$2'");
}

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

/** The VM's hardware as OVF shows it (rasd ResourceType 3 CPUs, 4 memory in MB, 17 a disk with vcloud:capacity in MB). */
const hardwareView = (v: SimVApp) =>
  `<ovf:VirtualHardwareSection><ovf:Info>Virtual hardware requirements</ovf:Info>` +
  `<ovf:Item><rasd:ElementName>${v.cpus} virtual CPU(s)</rasd:ElementName><rasd:InstanceID>4</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>${v.cpus}</rasd:VirtualQuantity></ovf:Item>` +
  `<ovf:Item><rasd:AllocationUnits>byte * 2^20</rasd:AllocationUnits><rasd:ElementName>${v.memoryMb} MB of memory</rasd:ElementName><rasd:InstanceID>5</rasd:InstanceID><rasd:ResourceType>4</rasd:ResourceType><rasd:VirtualQuantity>${v.memoryMb}</rasd:VirtualQuantity></ovf:Item>` +
  `<ovf:Item><rasd:AddressOnParent>0</rasd:AddressOnParent><rasd:ElementName>Hard disk 1</rasd:ElementName><rasd:HostResource vcloud:capacity="${v.diskMb}" vcloud:busSubType="VirtualSCSI" vcloud:busType="6"/><rasd:InstanceID>2000</rasd:InstanceID><rasd:ResourceType>17</rasd:ResourceType></ovf:Item>` +
  `</ovf:VirtualHardwareSection>`;

const OVF_NS = 'xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData" xmlns:vcloud="http://www.vmware.com/vcloud/v1.5"';

/** A VApp with its running tasks embedded and its one VM: NIC (IP only when connected), host name and hardware. */
export function vappView(base: string, v: SimVApp, running: SimTask[], variant = false): string {
  const tasks = running.length ? `<Tasks>${running.map((t) => taskXml(base, t)).join("")}</Tasks>` : "";
  const nic = v.network ? `<NetworkConnection network="${esc(v.network)}"><NetworkConnectionIndex>0</NetworkConnectionIndex>${v.ip ? `<IpAddress>${v.ip}</IpAddress>` : ""}<IsConnected>true</IsConnected><IpAddressAllocationMode>POOL</IpAddressAllocationMode></NetworkConnection>` : "";
  const spec = `<VmSpecSection><OsType>${esc(v.osType)}</OsType><NumCpus>${v.cpus}</NumCpus><MemoryResourceMb><Configured>${v.memoryMb}</Configured></MemoryResourceMb><DiskSection><DiskSettings><SizeMb>${v.diskMb}</SizeMb><AdapterType>5</AdapterType></DiskSettings></DiskSection><HardwareVersion>${esc(v.hardwareVersion)}</HardwareVersion></VmSpecSection>`;
  const hardware = variant ? hardwareView(v) : `${hardwareView(v)}${spec}`;
  const vm = `<Vm name="${esc(v.name)}" status="${v.status}"><NetworkConnectionSection><PrimaryNetworkConnectionIndex>0</PrimaryNetworkConnectionIndex>${nic}</NetworkConnectionSection><GuestCustomizationSection><ComputerName>${esc(v.computerName)}</ComputerName></GuestCustomizationSection>${hardware}</Vm>`;
  // As VCD orders a vApp: its own Description and Tasks, then its sections (the vApp network's config), then Children.
  const netDescription = v.networkDescription ? `<Description>${esc(v.networkDescription)}</Description>` : "";
  const netConfig = v.network ? `<NetworkConfigSection><ovf:Info>The configuration parameters for logical networks</ovf:Info><NetworkConfig networkName="${esc(v.network)}">${netDescription}<Configuration><FenceMode>bridged</FenceMode></Configuration></NetworkConfig></NetworkConfigSection>` : "";
  const own = v.description ? `<Description>${esc(v.description)}</Description>` : "";
  return `<VApp ${NS} ${OVF_NS} name="${esc(v.name)}" id="urn:vcloud:vapp:${v.id.slice(5)}" href="${base}/api/vApp/${v.id}" status="${v.status}" deployed="${v.deployed}">${own}${tasks}${netConfig}<Children>${vm}</Children></VApp>`;
}
