import { createHash } from "node:crypto";
import type { SimReply } from "../simulator-server";

/** The data of the VMmanager 6 simulator: what the panel holds, and how it shows it. */

export type SimNamed = { id: number; name: string };
export type SimPreset = SimNamed & { cpu_number: number; ram_mib: number; hdd_mib: number };
/** As gadost/go-vmmanager-api OSParams shows an image: clusters it may go on (none = all), adminonly, is_lxd_image; min_ram_mib unconf. */
export type SimOs = SimNamed & { state: "active" | "deleted"; adminonly: boolean; clusters: { id: number; name: string }[]; is_lxd_image: boolean; min_ram_mib: number };
export type SimAccount = { id: number; email: string; passwordHash: string; roles: string[] };

export type SimVm = {
  id: number;
  name: string;
  /** Only active and stopped are working VMs; a failed create leaves "corrupted" (protocols §3). */
  state: "creating" | "active" | "stopped" | "deleting" | "corrupted";
  /** Ownership mark: the billing writes its marker here. */
  comment: string;
  /** Who made it: through the API, or planted behind the billing's back (what /__sim/state shows). */
  owner: "api" | "other";
  os: SimNamed;
  /** The preset it was made from (the simulator's own record; the panel's answers show the sizes). */
  preset: SimPreset | null;
  cpu_number: number;
  ram_mib: number;
  hdd_mib: number;
  diskId: number;
  /** Changes made to a running VM without a restart: shown as *_new until the VM is stopped. */
  pending?: Partial<Pick<SimVm, "cpu_number" | "ram_mib" | "hdd_mib">>;
  cluster: number;
  account?: number;
  domain?: string;
  ip?: string;
  passwordHash: string;
};

export type SimTask = {
  consul_id: number;
  name: string;
  vmId: number;
  polls: number;
  status: "running" | "complete" | "fail";
  /** What the task changes once it completes. */
  change?: Partial<Pick<SimVm, "cpu_number" | "ram_mib" | "hdd_mib">>;
  /** Sent with `defer: {action: "host_stop"}` to a running VM: waits for the VM's next stop. */
  deferred?: boolean;
  output?: string;
};
export type VmCall = { method: string; path: string; query: Record<string, string>; body?: Record<string, unknown> };

export type VmState = {
  vms: Record<number, SimVm>;
  tasks: SimTask[];
  presets: SimPreset[];
  os: SimOs[];
  accounts: SimAccount[];
  calls: VmCall[];
  /** Successful logins (POST /auth/v4/public/token): the module reuses its token. */
  logins: number;
  /** How long a new token lives. */
  tokenLifetimeMs: number;
  /** A task completes on its K-th poll. */
  pollsToComplete: number;
  /** Answer HTTP 503 (panel idle) to the next N calls. */
  idleNext: number;
  /** The next task started ends in "fail" with this reason. */
  failNextTask: string | null;
  /** Answer {id, task} with both as numeric strings (a variant a panel may give). */
  numbersAsStrings: boolean;
  /** Answer an expired or unknown token with a bare 401 and no body (the 401 body is unconf.). */
  bare401: boolean;
};

export const seedPresets = (): SimPreset[] => [
  { id: 1, name: "vps-small", cpu_number: 1, ram_mib: 1024, hdd_mib: 20480 },
  { id: 2, name: "vps-large", cpu_number: 4, ram_mib: 8192, hdd_mib: 81920 },
];

/** Every kind of image `/vm/v3/os` lists (protocols §3): usable, deleted, admin-only, another cluster's, LXD. */
export const seedOs = (): SimOs[] => {
  const os = (id: number, name: string, over: Partial<SimOs> = {}): SimOs => ({ id, name, state: "active", adminonly: false, clusters: [], is_lxd_image: false, min_ram_mib: 512, ...over });
  return [
    os(1, "Ubuntu 22.04"),
    os(2, "Debian 12"),
    os(3, "CentOS 7", { state: "deleted" }),
    os(4, "Windows Server 2022", { adminonly: true, min_ram_mib: 2048 }),
    os(5, "Ubuntu 24.04", { clusters: [{ id: 2, name: "cluster-2" }] }),
    os(6, "Alpine 3.19", { is_lxd_image: true }),
    os(7, "Rocky Linux 9", { min_ram_mib: 2048 }),
  ];
};

export const hash = (value: string) => createHash("sha256").update(value).digest("hex");
export const json = (status: number, value: unknown): SimReply => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
export const fail = (status: number, code: number, msg: string, value: Record<string, unknown> = {}) => json(status, { error: { code, msg, value } });

/** The `where` filter: (field EQ 'v') terms joined by AND; "+" and spaces both separate. */
export function parseWhere(where: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (where ?? "").matchAll(/\((\w+)[+ ]+EQ[+ ]+'([^']*)'\)/g)) out[m[1]!] = m[2]!;
  return out;
}

/**
 * A VM as /vm/v3/host lists it: the main disk as `disk: {id, disk_mib}` and no hdd_mib (ISPsystem's
 * WHMCS module, gadost/go-vmmanager-api HostElement); changes waiting for a restart as *_new.
 */
export const hostView = ({ passwordHash: _hidden, preset: _preset, diskId, hdd_mib, pending, owner: _owner, ip, cluster, account, ...vm }: SimVm) => ({
  ...vm,
  os_name: vm.os.name,
  disk: { id: diskId, disk_mib: hdd_mib, ...(pending?.hdd_mib ? { disk_mib_new: pending.hdd_mib } : {}) },
  disk_count: 1,
  ...(pending?.cpu_number ? { cpu_number_new: pending.cpu_number } : {}),
  ...(pending?.ram_mib ? { ram_mib_new: pending.ram_mib } : {}),
  ip4: ip ? [{ ip }] : [],
  cluster: { id: cluster },
  ...(account ? { account: { id: account } } : {}),
});

export const accountView = ({ passwordHash: _hidden, ...account }: SimAccount) => account;

export const taskView = ({ polls: _p, change: _c, vmId: _vm, ...t }: SimTask) => ({ ...t, id: t.consul_id });

/** (unconf.) the panel's host name rule: labels of letters, digits and hyphens. */
export const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
