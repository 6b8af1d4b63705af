import { z } from "zod";
import { ModuleError, pending, type OperationContext, type ServiceInfo } from "../contract";
import { findVApps, getVApp, HEALTHY, type VcdConnection, type VcdSession, type VcdVApp } from "./client";

export type Ctx = OperationContext<VcdConnection>;
export type Sizes = { cpus: number; memoryMb: number; diskMb: number };

const POLL_MS = 10_000;

export const remoteTaskSchema = z.object({
  taskId: z.string().min(1),
  vAppId: z.string().min(1),
  /** settle: a task the vApp was already busy with (an earlier try's undeploy whose answer was lost); close goes on once it ends. */
  action: z.enum(["compose", "powerOff", "powerOn", "undeploy", "delete", "settle"]),
  adopted: z.boolean().optional(),
  /** What the VM must have once composed: checked on VCD before open is done. */
  expect: z.object({ cpus: z.number(), memoryMb: z.number(), diskMb: z.number() }).optional(),
});
export type RemoteTask = z.infer<typeof remoteTaskSchema>;

/** The Description a vApp made by us carries: how a later try tells ours from someone else's. */
export const ownerMarker = (service: Pick<ServiceInfo, "id">) => `provisio-service-${service.id}`;

export const waitFor = (task: RemoteTask) => pending({ remoteId: task.vAppId, remoteTask: task, pollAfterMs: POLL_MS });

/**
 * The vApp of this service: the one whose id the service stored, else one of its name whose
 * Description carries this service's marker. "foreign" = vApps of that name exist, none is ours.
 */
export async function locate(ctx: Ctx, s: VcdSession): Promise<VcdVApp | "foreign" | null> {
  if (ctx.service.remoteId) return getVApp(s, ctx.service.remoteId);
  const named = await findVApps(s, ctx.connection, ctx.service.remoteName);
  const ours = named.find((v) => v.description === ownerMarker(ctx.service));
  if (ours) return ours;
  if (named.length) ctx.log.line(`vApp ${ctx.service.remoteName} exists but carries no marker of this service: not ours, left alone`);
  return named.length ? "foreign" : null;
}

/** The vApp of this service for suspend and resume: present, ours, working. */
export async function ourWorkingVApp(ctx: Ctx, s: VcdSession): Promise<VcdVApp> {
  const vapp = await locate(ctx, s);
  if (vapp === "foreign") throw new ModuleError("not_ours", `vCloud has a vApp '${ctx.service.remoteName}' that is not this service's: not touched`, false);
  if (!vapp) throw new ModuleError("not_found", `vCloud has no vApp of this service ('${ctx.service.remoteName}')`, false);
  if (vapp.tasks.length) throw new ModuleError("busy", `vCloud vApp ${vapp.name} is busy with ${vapp.tasks[0]!.operationName || "a task"}`, true);
  if (!HEALTHY.has(vapp.status)) throw new ModuleError("vapp_broken", `vCloud vApp ${vapp.name} is in status ${vapp.status}`, false);
  return vapp;
}
