import { done, ModuleError, type Outcome } from "../contract";
import { connect, findHosts, listOf, taskOf, type VmHost, type VmSession } from "./client";
import { findPreset, sizesOf, type Sizes } from "./catalog";
import { mismatch, ourWorkingHost, taskComplete, waitFor, type Ctx, type RemoteTask } from "./host";

/** The new sizes: the new tariff's preset, or its resources. */
async function target(ctx: Ctx, s: VmSession): Promise<Sizes> {
  const { template, resources } = ctx.params;
  if (typeof template === "string" && template) return sizesOf(await findPreset(s, template), {});
  if (resources && typeof resources === "object") return sizesOf(null, resources as Record<string, number>);
  throw new ModuleError("template_missing", "change_tariff needs the new preset or the new resources", false);
}

/** cpu and ram through /host/{id}/resource (no preset field there); the disk through /disk/{id}. */
async function resources(s: VmSession, host: VmHost, expect: Sizes): Promise<Outcome> {
  const answer = await s.post<{ task?: unknown }>(`/vm/v3/host/${host.id}/resource`, { cpu_number: expect.cpu_number, ram_mib: expect.ram_mib });
  return waitFor({ task: taskOf(answer, "resource"), vmId: host.id, name: "host_change_params", expect });
}

// (unconf.) GET /vm/v3/host/{id}/disk lists the VM's disks as {list:[{id,size_mib}]}; the first is the system disk.
async function disk(s: VmSession, host: VmHost, expect: Sizes): Promise<Outcome> {
  const disks = listOf<{ id: number; size_mib?: number }>(await s.get(`/vm/v3/host/${host.id}/disk`));
  const system = disks[0];
  if (!system) throw new ModuleError("disk_missing", `VMmanager VM ${host.id} has no disk to resize`, false);
  const answer = await s.post<{ task?: unknown }>(`/vm/v3/disk/${system.id}`, { size_mib: expect.hdd_mib });
  return waitFor({ task: taskOf(answer, "disk"), vmId: host.id, name: "disk_resize", expect });
}

function next(s: VmSession, host: VmHost, expect: Sizes): Promise<Outcome> | Outcome {
  if (host.cpu_number !== expect.cpu_number || host.ram_mib !== expect.ram_mib) return resources(s, host, expect);
  if (host.hdd_mib !== expect.hdd_mib) return disk(s, host, expect);
  return done();
}

export async function changeTariff(ctx: Ctx): Promise<Outcome> {
  const s = await connect(ctx.connection, ctx.log);
  const expect = await target(ctx, s);
  const host = await ourWorkingHost(ctx, s);
  // A disk only grows: a smaller one would need the VM rebuilt, which only a person may decide.
  if (host.hdd_mib !== undefined && expect.hdd_mib < host.hdd_mib) {
    throw new ModuleError("disk_shrink", `VMmanager cannot shrink the disk of VM ${host.id} from ${host.hdd_mib} to ${expect.hdd_mib} MiB`, false);
  }
  return next(s, host, expect);
}

/** After each step, the next one; done when the panel shows every new size. */
export async function pollResize(s: VmSession, task: RemoteTask): Promise<Outcome> {
  if (!(await taskComplete(s, task))) return waitFor(task);
  const host = (await findHosts(s, { id: task.vmId }))[0];
  if (!host) throw new ModuleError("vm_missing", `VMmanager VM ${task.vmId} disappeared while its resources changed`, false);
  const expect = task.expect;
  if (!expect) return done();
  if (task.name === "host_change_params" && host.hdd_mib !== expect.hdd_mib) return disk(s, host, expect);
  const wrong = mismatch(host, expect);
  if (wrong.length) throw new ModuleError("resize_unconfirmed", `VMmanager VM ${host.id} after ${task.name}: ${wrong.join("; ")}`, false);
  return done();
}
