import { done, ModuleError, type Outcome } from "../contract";
import { connect, findHosts, int, sizesShown, taskOf, type VmHost, type VmSession } from "./client";
import { findPreset, sizesOf, type Sizes } from "./catalog";
import { mismatch, ourWorkingHost, taskComplete, waitFor, type Ctx, type RemoteTask } from "./host";

type Started = { task: number; name: RemoteTask["name"] };

/** The new sizes: the new tariff's preset, or its resources. */
async function target(ctx: Ctx, s: VmSession): Promise<Sizes> {
  const { template, resources } = ctx.params;
  if (typeof template === "string" && template) return sizesOf(await findPreset(s, template), {});
  if (resources && typeof resources === "object") return sizesOf(null, resources as Record<string, number>);
  throw new ModuleError("template_missing", "change_tariff needs the new preset or the new resources", false);
}

/**
 * The tariff change as ISPsystem's own WHMCS module makes it: cpu and ram through
 * `/host/{id}/resource` (no preset field there), the main disk through `/disk/{disk.id} {size_mib}`.
 * On a running VM both are deferred to its next stop (`defer: {action: "host_stop"}`) and the VM is
 * restarted (`/host/{id}/restart`, whose start task is `start_task`), so the change is applied now,
 * not whenever the client next reboots.
 */
async function apply(s: VmSession, host: VmHost, expect: Sizes): Promise<Started[]> {
  const shown = sizesShown(host);
  const running = host.state === "active";
  const defer = running ? { defer: { action: "host_stop" } } : {};
  const started: Started[] = [];
  if (shown.cpu_number !== expect.cpu_number || shown.ram_mib !== expect.ram_mib) {
    const answer = await s.post<{ task?: unknown }>(`/vm/v3/host/${host.id}/resource`, { cpu_number: expect.cpu_number, ram_mib: expect.ram_mib, ...defer });
    started.push({ task: taskOf(answer, "resource"), name: "host_change_params" });
  }
  if (shown.hdd_mib !== expect.hdd_mib) {
    const diskId = int(host.disk?.id);
    if (diskId === undefined) throw new ModuleError("disk_missing", `VMmanager VM ${host.id} shows no main disk to resize`, false);
    const answer = await s.post<{ task?: unknown }>(`/vm/v3/disk/${diskId}`, { size_mib: expect.hdd_mib, ...defer });
    started.push({ task: taskOf(answer, "disk"), name: "disk_resize" });
  }
  if (running && started.length) {
    const answer = await s.post<{ start_task?: unknown; task?: unknown }>(`/vm/v3/host/${host.id}/restart`);
    started.push({ task: taskOf({ task: answer.start_task ?? answer.task }, "restart"), name: "host_start" });
  }
  return started;
}

export async function changeTariff(ctx: Ctx): Promise<Outcome> {
  const s = await connect(ctx.connection, ctx.log);
  const expect = await target(ctx, s);
  const host = await ourWorkingHost(ctx, s);
  const disk = sizesShown(host).hdd_mib;
  // A disk only grows (the vendor's module resizes only upwards; terraform-provider-vmmanager6 refuses a shrink).
  if (disk !== undefined && expect.hdd_mib < disk) {
    throw new ModuleError("disk_shrink", `VMmanager cannot shrink the disk of VM ${host.id} from ${disk} to ${expect.hdd_mib} MiB`, false);
  }
  const [first, ...also] = await apply(s, host, expect);
  if (!first) return done();
  return waitFor({ ...first, vmId: host.id, expect, ...(also.length ? { also } : {}) });
}

/** Done when every task of the change is complete and the panel shows every new size. */
export async function pollResize(s: VmSession, task: RemoteTask): Promise<Outcome> {
  for (const t of [task, ...(task.also ?? [])]) {
    if (!(await taskComplete(s, { ...task, ...t, also: undefined }))) return waitFor(task);
  }
  const host = (await findHosts(s, { id: task.vmId }))[0];
  if (!host) throw new ModuleError("vm_missing", `VMmanager VM ${task.vmId} disappeared while its resources changed`, false);
  const wrong = mismatch(host, task.expect);
  if (wrong.length) throw new ModuleError("resize_unconfirmed", `VMmanager VM ${host.id} after ${task.name}: ${wrong.join("; ")}`, false);
  return done();
}
