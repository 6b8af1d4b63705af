import { z } from "zod";
import { timeoutField } from "../fields";
import { done, ModuleError, pending, type AttemptLog, type Done, type OperationContext, type Outcome, type ProcessingModule, type ServiceInfo } from "../contract";
import { findVApp, getTask, getVApp, login, parseVApp, startedTask, TASK_RUNNING, VAPP, type VcdConnection, type VcdSession, type VcdVApp } from "./client";
import { escapeXml } from "./xml";

const connection = z.object({
  url: z.url({ protocol: /^https?$/ }),
  org: z.string().trim().min(1),
  username: z.string().trim().min(1),
  password: z.string().min(1),
  vdcId: z.string().trim().min(1),
  timeoutMs: z.coerce.number().int().positive().optional(),
});

type Ctx = OperationContext<VcdConnection>;
const POLL_MS = 10_000;
const MIB_PER_GIB = 1024;
const COMPOSE_TYPE = "application/vnd.vmware.vcloud.composeVAppParams+xml";
const UNDEPLOY_TYPE = "application/vnd.vmware.vcloud.undeployVAppParams+xml";
const NS = 'xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"';

const remoteTaskSchema = z.object({
  taskId: z.string().min(1),
  vAppId: z.string().min(1),
  action: z.enum(["compose", "powerOff", "powerOn", "undeploy", "delete"]),
  adopted: z.boolean().optional(),
});
type RemoteTask = z.infer<typeof remoteTaskSchema>;

/** The Description a vApp made by us carries: how a later try tells ours from someone else's. */
export const ownerMarker = (service: Pick<ServiceInfo, "id">) => `provisio-service-${service.id}`;

/** Tariffs quote cpu in vCPUs, ram and disk in GiB; the API wants MiB. */
export function sizesOf(resources: Record<string, number>) {
  const { cpu, ram, disk } = resources;
  if (!cpu || !ram || !disk) throw new ModuleError("resources_missing", "vCloud needs the resources cpu, ram (GiB) and disk (GiB) on the tariff", false);
  return { cpus: cpu, memoryMb: ram * MIB_PER_GIB, diskMb: disk * MIB_PER_GIB };
}

// (unconf.) API ≥32 builds a VM from scratch with a CreateItem carrying the VmSpecSection.
function composeParams(service: ServiceInfo, password: string): string {
  const { cpus, memoryMb, diskMb } = sizesOf(service.resources);
  const name = escapeXml(service.remoteName);
  return `<?xml version="1.0" encoding="UTF-8"?>
<ComposeVAppParams ${NS} name="${name}" deploy="true" powerOn="true">
  <Description>${escapeXml(ownerMarker(service))}</Description>
  <CreateItem><Name>${name}</Name>
    <GuestCustomizationSection><ovf:Info>Guest customization</ovf:Info><Enabled>true</Enabled>
      <AdminPasswordEnabled>true</AdminPasswordEnabled><AdminPasswordAuto>false</AdminPasswordAuto>
      <AdminPassword>${escapeXml(password)}</AdminPassword>
      <ComputerName>${escapeXml(service.params.hostname ?? service.remoteName)}</ComputerName>
    </GuestCustomizationSection>
    <VmSpecSection Modified="true"><ovf:Info>Virtual hardware</ovf:Info>
      <NumCpus>${cpus}</NumCpus><NumCoresPerSocket>1</NumCoresPerSocket>
      <MemoryResourceMb><Configured>${memoryMb}</Configured></MemoryResourceMb>
      <DiskSection><DiskSettings><SizeMb>${diskMb}</SizeMb><UnitNumber>0</UnitNumber><BusNumber>0</BusNumber></DiskSettings></DiskSection>
    </VmSpecSection>
  </CreateItem>
  <AllEULAsAccepted>true</AllEULAsAccepted>
</ComposeVAppParams>`;
}

function secretPassword(log: AttemptLog, password: string | undefined) {
  log.secret(password);
  if (password) log.secret(escapeXml(password));
}

const waitFor = (task: RemoteTask) => pending({ remoteId: task.vAppId, remoteTask: task, pollAfterMs: POLL_MS });

function doneFor(ctx: Ctx, vapp: VcdVApp, adopted: boolean): Done {
  const details: Record<string, string> = {};
  const hostname = vapp.hostname ?? ctx.service.params.hostname;
  if (vapp.ip) details.ip = vapp.ip;
  if (hostname) details.hostname = hostname;
  return done({ remoteId: vapp.id, details, secrets: { password: ctx.service.secrets.password! }, ...(adopted ? { adopted } : {}) });
}

/** A composed vApp: wait for its running task, or it is ready. */
function follow(ctx: Ctx, vapp: VcdVApp, adopted: boolean): Outcome {
  const running = vapp.tasks.find((t) => TASK_RUNNING.has(t.status));
  if (running) return waitFor({ taskId: running.id, vAppId: vapp.id, action: "compose", ...(adopted ? { adopted } : {}) });
  if (vapp.status === VAPP.failedCreation) throw new ModuleError("vapp_failed", `vCloud vApp ${vapp.name} failed to be created`, false);
  return doneFor(ctx, vapp, adopted);
}

function adopt(ctx: Ctx, vapp: VcdVApp): Outcome {
  if (vapp.description !== ownerMarker(ctx.service)) {
    throw new ModuleError("exists_foreign", `vCloud already has a vApp '${vapp.name}' that this billing did not create`, false);
  }
  ctx.log.line(`vApp ${vapp.name} (${vapp.id}) exists and is ours: adopted`);
  return follow(ctx, vapp, true);
}

async function open(ctx: Ctx): Promise<Outcome> {
  const { service, connection: conn, log } = ctx;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no password for the VM's administrator", false);
  secretPassword(log, password);
  const xml = composeParams(service, password);
  const s = await login(conn, log);
  const found = await findVApp(s, conn, service.remoteName);
  if (found) return adopt(ctx, found);
  try {
    const res = await s.call("POST", `/api/vdc/${encodeURIComponent(conn.vdcId)}/action/composeVApp`, { xml, type: COMPOSE_TYPE });
    return follow(ctx, parseVApp(res.text), false);
  } catch (error) {
    // vApp names are unique in a vDC: a retry of an earlier create gets DUPLICATE_NAME.
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await findVApp(s, conn, service.remoteName);
    if (again) return adopt(ctx, again);
    throw new ModuleError("exists_vanished", `vCloud said '${service.remoteName}' exists but cannot find it`, true);
  }
}

async function poll(ctx: Ctx, raw: Record<string, unknown>): Promise<Outcome> {
  const parsed = remoteTaskSchema.safeParse(raw);
  if (!parsed.success) throw new ModuleError("bad_task", "The stored vCloud task is not readable", false);
  const task = parsed.data;
  if (task.action === "compose") secretPassword(ctx.log, ctx.service.secrets.password);
  const s = await login(ctx.connection, ctx.log);
  const found = await getTask(s, task.taskId);
  if (TASK_RUNNING.has(found.status)) return waitFor(task);
  // Not retryable: the engine would poll the same finished task again; a person looks at the vApp.
  if (found.status !== "success") {
    throw new ModuleError(`task_${found.status || "unknown"}`, `vCloud task ${found.operationName || task.action} ended ${found.status}${found.message ? `: ${found.message}` : ""}`, false);
  }
  if (task.action === "undeploy") return remove(s, task.vAppId);
  if (task.action !== "compose") return done();
  const vapp = await getVApp(s, task.vAppId);
  if (!vapp) throw new ModuleError("vapp_missing", `vCloud vApp ${task.vAppId} disappeared while it was created`, false);
  return doneFor(ctx, vapp, Boolean(task.adopted));
}

async function vAppOf(ctx: Ctx, s: VcdSession): Promise<VcdVApp | null> {
  const { remoteId, remoteName } = ctx.service;
  return remoteId ? getVApp(s, remoteId) : findVApp(s, ctx.connection, remoteName);
}

async function act(s: VcdSession, vAppId: string, path: string, action: RemoteTask["action"], body?: { xml: string; type: string }) {
  const res = await s.call("POST", `/api/vApp/${vAppId}${path}`, body);
  return waitFor({ taskId: startedTask(res), vAppId, action });
}

async function remove(s: VcdSession, vAppId: string): Promise<Outcome> {
  try {
    const res = await s.call("DELETE", `/api/vApp/${vAppId}`, { query: { force: "true", recursive: "true" } });
    return waitFor({ taskId: startedTask(res), vAppId, action: "delete" });
  } catch (error) {
    if (error instanceof ModuleError && error.code === "not_found") return done();
    throw error;
  }
}

async function power(ctx: Ctx, on: boolean): Promise<Outcome> {
  const s = await login(ctx.connection, ctx.log);
  const vapp = await vAppOf(ctx, s);
  if (!vapp) throw new ModuleError("not_found", `vCloud has no vApp '${ctx.service.remoteName}'`, false);
  if ((vapp.status === VAPP.poweredOn) === on) return done();
  return on ? act(s, vapp.id, "/power/action/powerOn", "powerOn") : act(s, vapp.id, "/power/action/powerOff", "powerOff");
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
    timeoutField,
  ],
  serviceFields: [
    { key: "ip", label: "IP address", kind: "ip", required: true },
    { key: "password", label: "Administrator password", kind: "password", secret: true, required: true },
    { key: "hostname", label: "Host name" },
  ],

  async checkConnection(conn, log) {
    await login(conn, log);
  },

  open,
  poll,
  suspend: (ctx) => power(ctx, false),
  resume: (ctx) => power(ctx, true),

  async close(ctx) {
    const s = await login(ctx.connection, ctx.log);
    const vapp = await vAppOf(ctx, s);
    if (!vapp) {
      ctx.log.line(`vApp ${ctx.service.remoteName} is not in the vDC: already closed`);
      return done();
    }
    if (!vapp.deployed) return remove(s, vapp.id);
    const xml = `<UndeployVAppParams ${NS}><UndeployPowerAction>powerOff</UndeployPowerAction></UndeployVAppParams>`;
    return act(s, vapp.id, "/action/undeploy", "undeploy", { xml, type: UNDEPLOY_TYPE });
  },

  // vApps do not expire: the billing keeps the paid period.
  prolong: async () => done(),

  async sync(ctx) {
    const vapp = await vAppOf(ctx, await login(ctx.connection, ctx.log));
    if (!vapp || vapp.status === VAPP.failedCreation) return { state: "missing" };
    const off: number[] = [VAPP.poweredOff, VAPP.resolved, VAPP.suspended];
    return { state: off.includes(vapp.status) ? "suspended" : "active", ...(vapp.ip ? { details: { ip: vapp.ip } } : {}) };
  },
};
