import { z } from "zod";
import { ModuleError, pending, type OperationContext, type ServiceInfo } from "../contract";
import { findHosts, findTask, sizesShown, type VmConnection, type VmHost, type VmSession } from "./client";

export type Ctx = OperationContext<VmConnection>;

export const POLL_MS = 15_000;

const sizes = z.object({ cpu_number: z.number(), ram_mib: z.number(), hdd_mib: z.number() });
const taskName = z.enum(["host_create", "host_stop", "host_start", "host_delete", "host_change_params", "disk_resize"]);
export const remoteTaskSchema = z.object({
  task: z.number().int().optional(),
  vmId: z.number().int(),
  name: taskName,
  /** Further tasks started together with this one (a tariff change: resources, disk, the restart). */
  also: z.array(z.object({ task: z.number().int(), name: taskName })).optional(),
  adopted: z.boolean().optional(),
  /** What the VM must have once the task is done: checked on the panel before open or change_tariff is done. */
  expect: sizes.optional(),
});
export type RemoteTask = z.infer<typeof remoteTaskSchema>;

/** The comment a VM made by us carries: how a later try tells our VM from someone else's. */
export const ownerMarker = (service: Pick<ServiceInfo, "id">) => `provisio-service-${service.id}`;

/** States of a working VM (protocols §3): running, or stopped by a suspend. */
export const HEALTHY = new Set(["active", "stopped"]);
/** (unconf.) statuses of a task that is still going; `complete` is success, `fail` is failure. */
const TASK_WAITING = new Set(["created", "pending", "running"]);

export const waitFor = (task: RemoteTask) => pending({ remoteId: String(task.vmId), remoteTask: task, pollAfterMs: POLL_MS });

/**
 * The VM of this service: the one whose id the service stored, else one of its name that carries
 * this service's marker. "foreign" = VMs of that name exist, none is ours.
 */
export async function locate(ctx: Ctx, s: VmSession): Promise<VmHost | "foreign" | null> {
  const id = Number(ctx.service.remoteId);
  if (ctx.service.remoteId && Number.isInteger(id)) return (await findHosts(s, { id }))[0] ?? null;
  const named = await findHosts(s, { name: ctx.service.remoteName });
  const ours = named.find((host) => host.comment === ownerMarker(ctx.service));
  if (ours) return ours;
  if (named.length) ctx.log.line(`VM ${ctx.service.remoteName} exists but carries no marker of this service: not ours, left alone`);
  return named.length ? "foreign" : null;
}

/** A VM of this service for suspend, resume and change_tariff: present, ours and working. */
export async function ourWorkingHost(ctx: Ctx, s: VmSession): Promise<VmHost> {
  const host = await locate(ctx, s);
  if (host === "foreign") throw new ModuleError("not_ours", `VMmanager has a VM '${ctx.service.remoteName}' that is not this service's: not touched`, false);
  if (!host) throw new ModuleError("not_found", `VMmanager has no VM of this service ('${ctx.service.remoteName}')`, false);
  if (!HEALTHY.has(host.state)) throw new ModuleError("vm_broken", `VMmanager VM ${host.id} is in state '${host.state}'`, false);
  return host;
}

/** Waits for a stored task: true once it is complete; a failure is final with the panel's reason. */
export async function taskComplete(s: VmSession, task: RemoteTask): Promise<boolean> {
  if (task.task === undefined) return true;
  const found = await findTask(s, task.task, task.name);
  // The panel accepted the request but knows no such task: nothing may have been done. Retried, then a person.
  if (!found) throw new ModuleError("task_missing", `VMmanager has no task ${task.task} (${task.name}): the request may have been ignored`, true);
  if (found.status === "complete") return true;
  // Not retryable: the engine would poll the same failed task again, and a half-made VM needs a person.
  if (found.status === "fail") {
    const reason = reasonOf(found.output);
    throw new ModuleError("task_failed", `VMmanager task ${task.name} ${task.task} failed${reason ? `: ${reason}` : ""}`, false);
  }
  if (TASK_WAITING.has(found.status)) return false;
  throw new ModuleError("bad_response", `VMmanager task ${task.task} has the unknown status '${found.status}'`, true);
}

/** A failed task's output in words: text as it is, JSON (e.g. {error:{msg}}) by its message or in full. */
function reasonOf(output: unknown): string {
  if (output === undefined || output === null || output === "") return "";
  if (typeof output === "string") return output.slice(0, 500);
  const msg = (output as { error?: { msg?: unknown }; msg?: unknown }).error?.msg ?? (output as { msg?: unknown }).msg;
  return typeof msg === "string" ? msg : JSON.stringify(output).slice(0, 500);
}

/** Differences between the VM and what it must have, in words; empty when it matches. */
export function mismatch(host: VmHost, expect: RemoteTask["expect"]): string[] {
  if (!expect) return [];
  const shown = sizesShown(host);
  return (Object.keys(expect) as (keyof typeof expect)[])
    .filter((key) => shown[key] !== expect[key])
    .map((key) => `${key === "hdd_mib" ? "disk_mib" : key} is ${shown[key] ?? "not shown"}, not ${expect[key]}`);
}
