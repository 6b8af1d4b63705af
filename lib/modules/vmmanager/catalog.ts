import { ModuleError } from "../contract";
import { int, listOf, where, type Named, type VmConnection, type VmSession } from "./client";

/**
 * An OS image as `/vm/v3/os` lists it (gadost/go-vmmanager-api OSParams): `state`, `adminonly`, the
 * `clusters` it may be installed on, `is_lxd_image`. The list holds every image, including deleted,
 * admin-only, other-cluster and LXD ones (protocols §3). `cluster` and `virtualization_type` are read
 * too in case a panel shows those instead; `min_ram_mib` is unconf. and only the panel checks it.
 */
export type VmOs = Named & {
  state?: string;
  adminonly?: boolean;
  clusters?: { id: number | string }[] | null;
  cluster?: { id: number } | number | null;
  is_lxd_image?: boolean;
  virtualization_type?: string;
};

export type VmPreset = Named & { cpu_number?: number; ram_mib?: number; hdd_mib?: number; disks?: { size_mib?: number }[] };
export type VmAccount = { id: number; email: string; roles?: string[] };
export type Sizes = { cpu_number: number; ram_mib: number; hdd_mib: number };

/** Why an image cannot be used for a client's VM on this cluster, or null. */
export function unusable(os: VmOs, cluster: number): string | null {
  if (os.state === "deleted") return "it is deleted";
  if (os.adminonly) return "it is for administrators only";
  // No clusters listed: the image is not limited to some clusters.
  const own = (os.clusters ?? []).map((c) => int(c.id)).filter((id) => id !== undefined);
  const single = typeof os.cluster === "object" && os.cluster ? int(os.cluster.id) : int(os.cluster);
  if (single !== undefined) own.push(single);
  if (own.length && !own.includes(cluster)) return `it belongs to cluster ${own.join(", ")}, not ${cluster}`;
  if (os.is_lxd_image) return "it is an lxd image";
  if (os.virtualization_type && os.virtualization_type !== "kvm") return `it is a ${os.virtualization_type} image`;
  return null;
}

const matches = (value: string, item: Named) => {
  const wanted = value.trim().toLowerCase();
  return String(item.id) === wanted || String(item.name ?? "").toLowerCase() === wanted;
};

export async function listOs(s: VmSession): Promise<VmOs[]> {
  return listOf<VmOs>(await s.get("/vm/v3/os"));
}

/** The OS the order asks for (by id or name), else the handler's default; refused unless usable here. */
export async function chooseOs(s: VmSession, conn: VmConnection, wanted: string | undefined): Promise<VmOs> {
  const all = await listOs(s);
  const value = wanted?.trim() || String(conn.os);
  const candidates = all.filter((os) => matches(value, os));
  const usable = candidates.find((os) => !unusable(os, conn.cluster));
  if (usable) return usable;
  const why = candidates[0] ? `: ${unusable(candidates[0], conn.cluster)}` : "";
  throw new ModuleError("unknown_os", `VMmanager cannot install the operating system '${value}'${why}`, false);
}

// (unconf.) /vm/v3/preset answers {list:[{id,name,cpu_number,ram_mib,hdd_mib}]} like /vm/v3/os.
export async function listPresets(s: VmSession): Promise<VmPreset[]> {
  return listOf<VmPreset>(await s.get("/vm/v3/preset"));
}

export async function findPreset(s: VmSession, template: string): Promise<VmPreset> {
  const found = (await listPresets(s)).find((p) => matches(template, p));
  if (!found) throw new ModuleError("unknown_template", `VMmanager has no preset '${template}'`, false);
  return found;
}

const MIB_PER_GIB = 1024;

/** What the VM must have: the preset's sizes, or the tariff's resources (cpu in vCPUs, ram and disk in GiB). */
export function sizesOf(preset: VmPreset | null, resources: Record<string, number>): Sizes {
  // (unconf.) a preset shows its disk as hdd_mib, or as a disks list whose first is the main disk.
  const sizes = preset
    ? { cpu_number: int(preset.cpu_number), ram_mib: int(preset.ram_mib), hdd_mib: int(preset.hdd_mib) ?? int(preset.disks?.[0]?.size_mib) }
    : { cpu_number: resources.cpu, ram_mib: resources.ram && resources.ram * MIB_PER_GIB, hdd_mib: resources.disk && resources.disk * MIB_PER_GIB };
  if (!sizes.cpu_number || !sizes.ram_mib || !sizes.hdd_mib) {
    const what = preset ? `preset '${preset.name}' does not say its cpu_number, ram_mib and hdd_mib` : "the tariff needs the resources cpu, ram (GiB) and disk (GiB)";
    throw new ModuleError("resources_missing", `VMmanager: ${what}`, false);
  }
  return sizes as Sizes;
}

/**
 * The client's own panel account, found by email or created with the @user role, so the client can
 * log in to the panel. An administrator's account is never given to a client.
 */
export async function ownerAccount(s: VmSession, email: string, password: string): Promise<VmAccount> {
  if (!email || /['()]/.test(email)) throw new ModuleError("bad_email", `The client's email '${email}' cannot name a VMmanager account`, false);
  const find = async () =>
    listOf<VmAccount>(await s.get("/vm/v3/account", { where: where({ email }) })).find((a) => a.email.toLowerCase() === email.toLowerCase());
  const account = await find();
  // As ISPsystem's WHMCS module: an account with an administrator role is never given to a client.
  if (account?.roles?.some((role) => role.includes("@admin"))) {
    throw new ModuleError("account_not_client", `VMmanager account ${email} has the roles ${account.roles.join(", ")}: not a client account`, false);
  }
  if (account) return account;
  let created: { id?: unknown };
  try {
    created = await s.post<{ id?: unknown }>("/vm/v3/account", { email, password, role: "@user" });
  } catch (error) {
    // Another try may have created it meanwhile: take that one.
    const raced = error instanceof ModuleError && !error.retryable ? await find() : undefined;
    if (raced) return ownerAccount(s, email, password);
    throw error;
  }
  const id = int(created.id);
  if (id === undefined) throw new ModuleError("bad_response", "VMmanager account: no id in the answer", true);
  return { id, email, roles: ["@user"] };
}

/** Check connection: the billing's own account must be a panel administrator. */
export async function requireAdmin(s: VmSession, email: string): Promise<void> {
  const own = listOf<VmAccount>(await s.get("/vm/v3/account", { where: where({ email }) })).find((a) => a.email.toLowerCase() === email.toLowerCase());
  if (!own?.roles?.includes("@admin")) {
    throw new ModuleError("auth", `VMmanager account ${email} is not an administrator (roles: ${own?.roles?.join(", ") || "none seen"})`, false);
  }
}
