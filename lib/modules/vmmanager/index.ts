import { z } from "zod";
import { timeoutField } from "../fields";
import { done, ModuleError, type Outcome, type ProcessingModule } from "../contract";
import { connect, taskOf, type VmConnection } from "./client";
import { listPresets, requireAdmin } from "./catalog";
import { open, pollCreate } from "./create";
import { HEALTHY, locate, ourWorkingHost, remoteTaskSchema, taskComplete, waitFor, type Ctx } from "./host";
import { changeTariff, pollResize } from "./resize";

export { ownerMarker } from "./host";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  email: z.string().trim().min(1),
  password: z.string().min(1),
  cluster: z.coerce.number().int().positive(),
  os: z.coerce.number().int().positive(),
  ipPool: z.coerce.number().int().positive().optional(),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

async function power(ctx: Ctx, action: "stop" | "start"): Promise<Outcome> {
  const s = await connect(ctx.connection, ctx.log);
  const host = await ourWorkingHost(ctx, s);
  if (host.state === (action === "stop" ? "stopped" : "active")) return done();
  const answer = await s.post<{ task?: unknown }>(`/vm/v3/host/${host.id}/${action}`);
  return waitFor({ task: taskOf(answer, action), vmId: host.id, name: `host_${action}` });
}

async function poll(ctx: Ctx, raw: Record<string, unknown>): Promise<Outcome> {
  const parsed = remoteTaskSchema.safeParse(raw);
  if (!parsed.success) throw new ModuleError("bad_task", "The stored VMmanager task is not readable", false);
  const task = parsed.data;
  const s = await connect(ctx.connection, ctx.log);
  if (task.name === "host_create") return pollCreate(ctx, s, task);
  if (task.name === "host_change_params" || task.name === "disk_resize") return pollResize(s, task);
  return (await taskComplete(s, task)) ? done() : waitFor(task);
}

export const vmmanager: ProcessingModule<VmConnection> = {
  kind: "vmmanager",
  title: "VMmanager 6",
  productTypes: ["vps"],
  usesTemplates: true,
  orderNeeds: ["os"],
  connection,
  connectionFields: [
    { key: "url", label: "Panel URL", kind: "url", required: true, placeholder: "https://vm.example.com" },
    { key: "email", label: "Admin email", required: true },
    { key: "password", label: "Password", kind: "password", secret: true, required: true },
    { key: "cluster", label: "Cluster id", kind: "number", required: true },
    { key: "os", label: "Default OS id", kind: "number", required: true },
    { key: "ipPool", label: "IPv4 pool id", kind: "number" },
    timeoutField,
  ],
  serviceFields: [
    { key: "ip", label: "IP address", kind: "ip", required: true },
    { key: "password", label: "Root password", kind: "password", secret: true, required: true },
    { key: "hostname", label: "Host name" },
    { key: "os", label: "Operating system" },
    { key: "panel_login", label: "Panel login", kind: "email" },
  ],

  async checkConnection(conn, log) {
    await requireAdmin(await connect(conn, log), conn.email);
  },

  // Presets, not OS images: the tariff's template is a preset, the OS comes from the order.
  async listTemplates(conn, log) {
    return (await listPresets(await connect(conn, log))).map((p) => p.name);
  },

  open,
  poll,
  suspend: (ctx) => power(ctx, "stop"),
  resume: (ctx) => power(ctx, "start"),

  async close(ctx) {
    const s = await connect(ctx.connection, ctx.log);
    const host = await locate(ctx, s);
    if (!host || host === "foreign" || host.state === "deleting") {
      ctx.log.line(`no VM of this service to delete (${host === "foreign" ? "the VM of that name is not ours" : host ? "it is being deleted" : "none on the panel"}): closed`);
      return done();
    }
    try {
      const answer = await s.del<{ task?: unknown }>(`/vm/v3/host/${host.id}`);
      return waitFor({ task: taskOf(answer, "delete"), vmId: host.id, name: "host_delete" });
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "not_found") throw error;
      return done();
    }
  },

  // VMmanager VMs do not expire: the billing keeps the paid period.
  prolong: async () => done(),
  changeTariff,

  async sync(ctx) {
    const host = await locate(ctx, await connect(ctx.connection, ctx.log));
    if (!host) return { state: "missing", reason: `VMmanager has no VM of this service ('${ctx.service.remoteName}')` };
    if (host === "foreign") return { state: "missing", reason: `the VM '${ctx.service.remoteName}' on VMmanager is not this service's` };
    if (host.state === "deleting") return { state: "missing", reason: `VMmanager VM ${host.id} is being deleted` };
    if (!HEALTHY.has(host.state)) return { state: "broken", reason: `VMmanager VM ${host.id} is in state '${host.state}'` };
    const ip = host.ip4?.[0]?.ip;
    return { state: host.state === "stopped" ? "suspended" : "active", ...(ip ? { details: { ip } } : {}) };
  },
};
