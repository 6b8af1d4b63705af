import { z } from "zod";
import { timeoutField } from "../fields";
import { done, ModuleError, type Outcome, type ProcessingModule } from "../contract";
import { chooseNetwork, getTask, HEALTHY, startedTask, TASK_RUNNING, VAPP, type VcdConnection, type VcdSession } from "./client";
import { open, pollCompose, taskSucceeded } from "./compose";
import { locate, ourWorkingVApp, remoteTaskSchema, waitFor, type Ctx, type RemoteTask } from "./remote";
import { session } from "./session";

export { ownerMarker } from "./remote";
export { sizesOf } from "./compose";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  org: z.string().trim().min(1),
  username: z.string().trim().min(1),
  password: z.string().min(1),
  vdcId: z.string().trim().min(1),
  network: z.string().trim().min(1).optional(),
  osType: z.string().trim().min(1).optional(),
  hardwareVersion: z.string().trim().regex(/^vmx-\d+$/, "like vmx-19").optional(),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

const UNDEPLOY_TYPE = "application/vnd.vmware.vcloud.undeployVAppParams+xml";
const NS = 'xmlns="http://www.vmware.com/vcloud/v1.5"';

async function act(s: VcdSession, vAppId: string, path: string, action: RemoteTask["action"], body?: { xml: string; type: string }) {
  const res = await s.call("POST", `/api/vApp/${encodeURIComponent(vAppId)}${path}`, body);
  return waitFor({ taskId: startedTask(res), vAppId, action });
}

async function undeploy(s: VcdSession, vAppId: string): Promise<Outcome> {
  const xml = `<UndeployVAppParams ${NS}><UndeployPowerAction>powerOff</UndeployPowerAction></UndeployVAppParams>`;
  return act(s, vAppId, "/action/undeploy", "undeploy", { xml, type: UNDEPLOY_TYPE });
}

/** DELETE with force and recursive; a vApp already gone (403/404) is closed, a deployed one is undeployed first. */
async function remove(s: VcdSession, vAppId: string): Promise<Outcome> {
  try {
    const res = await s.call("DELETE", `/api/vApp/${encodeURIComponent(vAppId)}`, { query: { force: "true", recursive: "true" } });
    return waitFor({ taskId: startedTask(res), vAppId, action: "delete" });
  } catch (error) {
    if (error instanceof ModuleError && error.code === "not_found") return done();
    if (error instanceof ModuleError && error.code === "deployed") return undeploy(s, vAppId);
    throw error;
  }
}

async function power(ctx: Ctx, on: boolean): Promise<Outcome> {
  const s = await session(ctx.connection, ctx.log);
  const vapp = await ourWorkingVApp(ctx, s);
  if ((vapp.status === VAPP.poweredOn) === on) return done();
  try {
    return await act(s, vapp.id, on ? "/power/action/powerOn" : "/power/action/powerOff", on ? "powerOn" : "powerOff");
  } catch (error) {
    // Powering off what is already off: the suspend is what the panel shows.
    if (!on && error instanceof ModuleError && error.code === "not_running") return done();
    throw error;
  }
}

/**
 * Close: undeploy a deployed vApp, then delete it. A vApp busy with a task (its own undeploy from a
 * try whose answer was lost, or anything else) is not an error: close waits for that task and goes on.
 */
async function close(ctx: Ctx): Promise<Outcome> {
  const s = await session(ctx.connection, ctx.log);
  const vapp = await locate(ctx, s);
  if (!vapp || vapp === "foreign") {
    ctx.log.line(`no vApp of this service to delete (${vapp ? "the vApp of that name is not ours" : "none in the vDC"}): closed`);
    return done();
  }
  const busy = vapp.tasks[0];
  if (busy) {
    ctx.log.line(`vApp ${vapp.name} is busy with ${busy.operationName || "a task"} (task ${busy.id}): waiting for it, then closing`);
    return waitFor({ taskId: busy.id, vAppId: vapp.id, action: "settle" });
  }
  return vapp.deployed ? undeploy(s, vapp.id) : remove(s, vapp.id);
}

async function poll(ctx: Ctx, raw: Record<string, unknown>): Promise<Outcome> {
  const parsed = remoteTaskSchema.safeParse(raw);
  if (!parsed.success) throw new ModuleError("bad_task", "The stored vCloud task is not readable", false);
  const task = parsed.data;
  const s = await session(ctx.connection, ctx.log);
  if (task.action === "compose") return pollCompose(ctx, s, task);
  if (task.action === "settle") {
    const found = await getTask(s, task.taskId);
    if (found && TASK_RUNNING.has(found.status)) return waitFor(task);
    ctx.log.line(`the vApp's task ${found ? `ended ${found.status}` : "is gone"}: closing goes on`);
    return close(ctx);
  }
  if (!(await taskSucceeded(s, task))) return waitFor(task);
  if (task.action === "undeploy") return remove(s, task.vAppId);
  return done();
}

export const vcloud: ProcessingModule<VcdConnection> = {
  kind: "vcloud",
  title: "VMware Cloud Director",
  productTypes: ["vps"],
  usesTemplates: false,
  connection,
  connectionFields: [
    { key: "url", label: "API URL", kind: "url", required: true, placeholder: "https://vcd.example.com" },
    { key: "org", label: "Organization", required: true },
    { key: "username", label: "User name", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    { key: "vdcId", label: "vDC id", required: true, placeholder: "uuid of the virtual data center" },
    { key: "network", label: "Org vDC network", placeholder: "the vDC's only network when empty" },
    { key: "osType", label: "Guest OS type", placeholder: "otherLinux64Guest" },
    { key: "hardwareVersion", label: "Hardware version", placeholder: "vmx-19" },
    timeoutField,
  ],
  serviceFields: [
    { key: "ip", label: "IP address", kind: "ip", required: true },
    { key: "password", label: "Administrator password", kind: "password", secret: true, required: true },
    { key: "hostname", label: "Host name" },
  ],

  // Logs in (version negotiated) and reads the vDC and its network: what every open needs.
  async checkConnection(conn, log) {
    await chooseNetwork(await session(conn, log), conn);
  },

  open,
  poll,
  suspend: (ctx) => power(ctx, false),
  resume: (ctx) => power(ctx, true),

  close,

  // vApps do not expire: the billing keeps the paid period.
  prolong: async () => done(),

  async sync(ctx) {
    const vapp = await locate(ctx, await session(ctx.connection, ctx.log));
    if (!vapp) return { state: "missing", reason: `vCloud has no vApp of this service ('${ctx.service.remoteName}')` };
    if (vapp === "foreign") return { state: "missing", reason: `the vApp '${ctx.service.remoteName}' on vCloud is not this service's` };
    if (!HEALTHY.has(vapp.status)) return { state: "broken", reason: `vCloud vApp ${vapp.name} is in status ${vapp.status}${vapp.tasks.length ? " with a task running" : ""}` };
    return { state: vapp.status === VAPP.poweredOn ? "active" : "suspended", ...(vapp.vm.ip ? { details: { ip: vapp.vm.ip } } : {}) };
  },
};
