import { z } from "zod";
import { timeoutField } from "../fields";
import { done, ModuleError, pending, type AttemptLog, type Done, type OperationContext, type Outcome, type ProcessingModule, type ServiceInfo } from "../contract";
import { connect, findHost, findTask, listOs, listPresets, resolveId, type VmConnection, type VmHost, type VmSession } from "./client";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  email: z.string().trim().min(1),
  password: z.string().min(1),
  cluster: z.coerce.number().int().positive(),
  os: z.coerce.number().int().positive(),
  ipPool: z.coerce.number().int().positive().optional(),
  account: z.coerce.number().int().positive().optional(),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<VmConnection>;
type TaskName = "host_create" | "host_stop" | "host_start" | "host_delete" | "host_change_params";

const POLL_MS = 15_000;
/** Without a preset the VM is sized from the tariff: cpu in vCPUs, ram and disk in GiB. */
const MIB_PER_GIB = 1024;

const remoteTaskSchema = z.object({
  task: z.number().int().optional(),
  vmId: z.number().int(),
  name: z.enum(["host_create", "host_stop", "host_start", "host_delete", "host_change_params"]),
  adopted: z.boolean().optional(),
});
type RemoteTask = z.infer<typeof remoteTaskSchema>;

/** The comment a VM made by us carries: how a later try tells our VM from someone else's. */
export const ownerMarker = (service: Pick<ServiceInfo, "id">) => `provisio-service-${service.id}`;

const waitFor = (task: RemoteTask) => pending({ remoteId: String(task.vmId), remoteTask: task, pollAfterMs: POLL_MS });

function started(answer: { id?: unknown; task?: unknown }, vmId: number, name: TaskName) {
  if (typeof answer.task !== "number") throw new ModuleError("bad_response", `VMmanager ${name}: no task in the answer`, true);
  return waitFor({ task: answer.task, vmId: typeof answer.id === "number" ? answer.id : vmId, name });
}

function secretPassword(log: AttemptLog, password: string) {
  log.secret(password);
  log.secret(JSON.stringify(password).slice(1, -1));
}

function doneFor(ctx: Ctx, host: VmHost, adopted: boolean): Done {
  const details: Record<string, string> = {};
  const ip = host.ip4?.[0]?.ip;
  const hostname = host.domain || ctx.service.params.hostname;
  if (ip) details.ip = ip;
  if (hostname) details.hostname = hostname;
  if (host.os?.name) details.os = host.os.name;
  return done({ remoteId: String(host.id), details, secrets: { password: ctx.service.secrets.password! }, ...(adopted ? { adopted } : {}) });
}

function adopt(ctx: Ctx, host: VmHost): Outcome {
  if (host.comment !== ownerMarker(ctx.service)) {
    throw new ModuleError("exists_foreign", `VMmanager already has a VM '${host.name}' that this billing did not create`, false);
  }
  ctx.log.line(`VM ${host.name} (${host.id}) exists and is ours: adopted`);
  // The create task's id is lost with the earlier try: poll() watches the VM's state instead.
  if (host.state === "creating") return waitFor({ vmId: host.id, name: "host_create", adopted: true });
  return doneFor(ctx, host, true);
}

async function preset(s: VmSession, template: string) {
  const found = resolveId(template, await listPresets(s));
  if (!found) throw new ModuleError("unknown_template", `VMmanager has no preset '${template}'`, false);
  return found.id;
}

async function createBody(ctx: Ctx, s: VmSession, password: string) {
  const { service, connection: conn } = ctx;
  let os = conn.os;
  if (service.params.os) {
    const found = resolveId(service.params.os, await listOs(s));
    if (!found) throw new ModuleError("unknown_os", `VMmanager has no operating system '${service.params.os}'`, false);
    os = found.id;
  }
  const r = service.resources;
  const sizes = service.template
    ? { preset: await preset(s, service.template) }
    : { cpu_number: r.cpu, ram_mib: r.ram && r.ram * MIB_PER_GIB, hdd_mib: r.disk && r.disk * MIB_PER_GIB };
  return {
    name: service.remoteName,
    password,
    cluster: conn.cluster,
    os,
    ...sizes,
    account: conn.account,
    ipv4_number: 1,
    ipv4_pool: conn.ipPool ? [conn.ipPool] : undefined,
    domain: service.params.hostname,
    comment: ownerMarker(service),
  };
}

async function open(ctx: Ctx): Promise<Outcome> {
  const { service, log } = ctx;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no root password to create the VM with", false);
  secretPassword(log, password);
  const s = await connect(ctx.connection, log);
  // POST /vm/v3/host is not idempotent: always look for a VM of an earlier try first.
  const found = await findHost(s, { name: service.remoteName });
  if (found) return adopt(ctx, found);
  const body = await createBody(ctx, s, password);
  try {
    const answer = await s.post<{ id?: unknown; task?: unknown }>("/vm/v3/host", body);
    if (typeof answer.id !== "number") throw new ModuleError("bad_response", "VMmanager host: no VM id in the answer", true);
    return started(answer, answer.id, "host_create");
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await findHost(s, { name: service.remoteName });
    if (again) return adopt(ctx, again);
    throw new ModuleError("exists_vanished", `VMmanager said '${service.remoteName}' exists but cannot find it`, true);
  }
}

async function poll(ctx: Ctx, raw: Record<string, unknown>): Promise<Outcome> {
  const parsed = remoteTaskSchema.safeParse(raw);
  if (!parsed.success) throw new ModuleError("bad_task", "The stored VMmanager task is not readable", false);
  const task = parsed.data;
  if (task.name === "host_create" && ctx.service.secrets.password) secretPassword(ctx.log, ctx.service.secrets.password);
  const s = await connect(ctx.connection, ctx.log);
  if (task.task !== undefined) {
    const found = await findTask(s, task.task, task.name);
    if (!found) throw new ModuleError("task_missing", `VMmanager has no task ${task.task} (${task.name})`, true);
    // Not retryable: the engine would poll the same failed task again, and a half-made VM needs a person.
    if (found.status === "fail") throw new ModuleError("task_failed", `VMmanager task ${task.name} ${task.task} failed`, false);
    if (found.status !== "complete") return waitFor(task);
  }
  if (task.name !== "host_create") return done();
  const host = await findHost(s, { id: task.vmId });
  if (!host) throw new ModuleError("vm_missing", `VMmanager VM ${task.vmId} disappeared while it was created`, false);
  if (host.state === "creating") return waitFor(task);
  if (host.state !== "active" && host.state !== "stopped") {
    throw new ModuleError("vm_failed", `VMmanager VM ${task.vmId} ended up in state '${host.state}'`, false);
  }
  return doneFor(ctx, host, Boolean(task.adopted));
}

async function hostOf(ctx: Ctx, s: VmSession): Promise<VmHost | null> {
  const id = Number(ctx.service.remoteId);
  return findHost(s, ctx.service.remoteId && Number.isInteger(id) ? { id } : { name: ctx.service.remoteName });
}

async function power(ctx: Ctx, action: "stop" | "start"): Promise<Outcome> {
  const s = await connect(ctx.connection, ctx.log);
  const host = await hostOf(ctx, s);
  if (!host) throw new ModuleError("not_found", `VMmanager has no VM '${ctx.service.remoteName}'`, false);
  if (host.state === (action === "stop" ? "stopped" : "active")) return done();
  return started(await s.post(`/vm/v3/host/${host.id}/${action}`), host.id, `host_${action}`);
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
    { key: "account", label: "Owner account id", kind: "number" },
    timeoutField,
  ],
  serviceFields: [
    { key: "ip", label: "IP address", kind: "ip", required: true },
    { key: "password", label: "Root password", kind: "password", secret: true, required: true },
    { key: "hostname", label: "Host name" },
    { key: "os", label: "Operating system" },
  ],

  async checkConnection(conn, log) {
    await listOs(await connect(conn, log));
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
    const host = await hostOf(ctx, s);
    if (!host) {
      ctx.log.line(`VM ${ctx.service.remoteName} is not on the panel: already closed`);
      return done();
    }
    try {
      return started(await s.del(`/vm/v3/host/${host.id}`), host.id, "host_delete");
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "not_found") throw error;
      return done();
    }
  },

  // VMmanager VMs do not expire: the billing keeps the paid period.
  prolong: async () => done(),

  async changeTariff(ctx) {
    const template = ctx.params.template;
    if (typeof template !== "string" || !template) throw new ModuleError("template_missing", "change_tariff needs the new preset", false);
    const s = await connect(ctx.connection, ctx.log);
    const host = await hostOf(ctx, s);
    if (!host) throw new ModuleError("not_found", `VMmanager has no VM '${ctx.service.remoteName}'`, false);
    // (unconf.) POST /vm/v3/host/{id}/resource {preset} starts host_change_params.
    return started(await s.post(`/vm/v3/host/${host.id}/resource`, { preset: await preset(s, template) }), host.id, "host_change_params");
  },

  async sync(ctx) {
    const host = await hostOf(ctx, await connect(ctx.connection, ctx.log));
    if (!host || host.state === "deleting") return { state: "missing" };
    const ip = host.ip4?.[0]?.ip;
    return { state: host.state === "stopped" ? "suspended" : "active", ...(ip ? { details: { ip } } : {}) };
  },
};
