import { done, ModuleError, type AttemptLog, type Done, type Outcome, type ServiceInfo } from "../contract";
import { chooseNetwork, findVApps, getTask, getVApp, HEALTHY, parseVApp, TASK_FAILED, TASK_RUNNING, type VcdSession, type VcdVApp } from "./client";
import { ownerMarker, waitFor, type Ctx, type RemoteTask, type Sizes } from "./remote";
import { session } from "./session";
import { escapeXml } from "./xml";

const MIB_PER_GIB = 1024;
const COMPOSE_TYPE = "application/vnd.vmware.vcloud.composeVAppParams+xml";
const NS = 'xmlns="http://www.vmware.com/vcloud/v1.5" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"';
/** (unconf.) defaults when the handler names none: a 64-bit Linux guest on hardware vmx-19 (VCD 10.4+). */
export const DEFAULT_OS_TYPE = "otherLinux64Guest";
export const DEFAULT_HARDWARE = "vmx-19";
/** DiskSettings AdapterType: "5" is VMware Paravirtual SCSI. */
const ADAPTER_PARAVIRTUAL = "5";

/** Tariffs quote cpu in vCPUs, ram and disk in GiB; the API wants MiB. */
export function sizesOf(resources: Record<string, number>): Sizes {
  const { cpu, ram, disk } = resources;
  if (!cpu || !ram || !disk) throw new ModuleError("resources_missing", "vCloud needs the resources cpu, ram (GiB) and disk (GiB) on the tariff", false);
  return { cpus: cpu, memoryMb: ram * MIB_PER_GIB, diskMb: disk * MIB_PER_GIB };
}

/**
 * ComposeVAppParams as VCD's schema wants it (protocols §4): the vApp network bridged to the org
 * network, and a CreateItem whose name is an attribute, with a NIC on that network and a
 * VmSpecSection carrying OsType, HardwareVersion and a DiskSettings with its AdapterType.
 */
export function composeParams(ctx: Ctx, network: { name: string; href: string }, sizes: Sizes, password: string): string {
  const { service, connection: conn } = ctx;
  const name = escapeXml(service.remoteName);
  const net = escapeXml(network.name);
  return `<?xml version="1.0" encoding="UTF-8"?>
<ComposeVAppParams ${NS} name="${name}" deploy="true" powerOn="true">
  <Description>${escapeXml(ownerMarker(service))}</Description>
  <InstantiationParams>
    <NetworkConfigSection><ovf:Info>vApp network</ovf:Info>
      <NetworkConfig networkName="${net}"><Configuration><ParentNetwork href="${escapeXml(network.href)}"/><FenceMode>bridged</FenceMode></Configuration></NetworkConfig>
    </NetworkConfigSection>
  </InstantiationParams>
  <CreateItem name="${name}">
    <Description>${escapeXml(ownerMarker(service))}</Description>
    <GuestCustomizationSection><ovf:Info>Guest customization</ovf:Info><Enabled>true</Enabled>
      <AdminPasswordEnabled>true</AdminPasswordEnabled><AdminPasswordAuto>false</AdminPasswordAuto>
      <AdminPassword>${escapeXml(password)}</AdminPassword>
      <ComputerName>${escapeXml(service.params.hostname ?? service.remoteName)}</ComputerName>
    </GuestCustomizationSection>
    <NetworkConnectionSection><ovf:Info>Network</ovf:Info><PrimaryNetworkConnectionIndex>0</PrimaryNetworkConnectionIndex>
      <NetworkConnection network="${net}"><NetworkConnectionIndex>0</NetworkConnectionIndex><IsConnected>true</IsConnected><IpAddressAllocationMode>POOL</IpAddressAllocationMode></NetworkConnection>
    </NetworkConnectionSection>
    <VmSpecSection Modified="true"><ovf:Info>Virtual hardware</ovf:Info>
      <OsType>${escapeXml(conn.osType ?? DEFAULT_OS_TYPE)}</OsType>
      <NumCpus>${sizes.cpus}</NumCpus><NumCoresPerSocket>1</NumCoresPerSocket>
      <MemoryResourceMb><Configured>${sizes.memoryMb}</Configured></MemoryResourceMb>
      <DiskSection><DiskSettings><SizeMb>${sizes.diskMb}</SizeMb><UnitNumber>0</UnitNumber><BusNumber>0</BusNumber><AdapterType>${ADAPTER_PARAVIRTUAL}</AdapterType><ThinProvisioned>true</ThinProvisioned><OverrideVmDefault>false</OverrideVmDefault></DiskSettings></DiskSection>
      <HardwareVersion>${escapeXml(conn.hardwareVersion ?? DEFAULT_HARDWARE)}</HardwareVersion>
    </VmSpecSection>
  </CreateItem>
  <AllEULAsAccepted>true</AllEULAsAccepted>
</ComposeVAppParams>`;
}

export function secretPassword(log: AttemptLog, password: string | undefined) {
  log.secret(password);
  if (password) log.secret(escapeXml(password));
}

function doneFor(service: ServiceInfo, vapp: VcdVApp, adopted: boolean): Done {
  const details: Record<string, string> = { ip: vapp.vm.ip! };
  const hostname = vapp.vm.hostname ?? service.params.hostname;
  if (hostname) details.hostname = hostname;
  return done({ remoteId: vapp.id, details, secrets: { password: service.secrets.password! }, ...(adopted ? { adopted } : {}) });
}

/** Done only for a working vApp whose VM has the tariff's sizes and an IP; one still being made is waited for. */
export function confirm(ctx: Ctx, vapp: VcdVApp, task: Omit<RemoteTask, "taskId"> & { taskId?: string }): Outcome {
  const running = vapp.tasks[0];
  if (running) return waitFor({ ...task, taskId: running.id, vAppId: vapp.id });
  if (!HEALTHY.has(vapp.status)) throw new ModuleError("vapp_broken", `vCloud vApp ${vapp.name} is in status ${vapp.status}`, false);
  const want = task.expect;
  const wrong = want ? (Object.keys(want) as (keyof Sizes)[]).filter((k) => vapp.vm[k] !== want[k]).map((k) => `${k} is ${vapp.vm[k] ?? "not shown"}, not ${want[k]}`) : [];
  if (wrong.length) throw new ModuleError("vapp_mismatch", `vCloud vApp ${vapp.name} does not have the tariff's resources: ${wrong.join("; ")}`, false);
  if (!vapp.vm.ip) throw new ModuleError("vapp_no_network", `vCloud vApp ${vapp.name} has no connected NIC with an IP address`, false);
  return doneFor(ctx.service, vapp, Boolean(task.adopted));
}

/** A vApp of our name: ours only with this service's marker; taken over only while being made or working. */
function adopt(ctx: Ctx, named: VcdVApp[], expect: Sizes): Outcome {
  const ours = named.find((v) => v.description === ownerMarker(ctx.service));
  if (!ours) throw new ModuleError("exists_foreign", `vCloud already has a vApp '${ctx.service.remoteName}' that this billing did not create: not touched`, false);
  if (!ours.tasks.length && !HEALTHY.has(ours.status)) {
    throw new ModuleError("exists_broken", `vCloud has this service's vApp ${ours.id} in status ${ours.status}: a person must look at it`, false);
  }
  ctx.log.line(`vApp ${ours.name} (${ours.id}) exists and is ours: adopted`);
  return confirm(ctx, ours, { vAppId: ours.id, action: "compose", adopted: true, expect });
}

export async function open(ctx: Ctx): Promise<Outcome> {
  const { service, connection: conn, log } = ctx;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no password for the VM's administrator", false);
  secretPassword(log, password);
  const expect = sizesOf(service.resources);
  const s = await session(conn, log);
  const named = await findVApps(s, conn, service.remoteName);
  if (named.length) return adopt(ctx, named, expect);
  const network = await chooseNetwork(s, conn);
  try {
    const res = await s.call("POST", `/api/vdc/${encodeURIComponent(conn.vdcId)}/action/composeVApp`, { xml: composeParams(ctx, network, expect, password), type: COMPOSE_TYPE });
    const vapp = parseVApp(res.text);
    const task = vapp.tasks.find((t) => t.operationName === "vdcComposeVapp") ?? vapp.tasks[0];
    if (!task) throw new ModuleError("bad_response", "vCloud composeVApp: the answer carries no compose task", true);
    return waitFor({ taskId: task.id, vAppId: vapp.id, action: "compose", expect });
  } catch (error) {
    // vApp names are unique in a vDC: a retry of an earlier create gets DUPLICATE_NAME.
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await findVApps(s, conn, service.remoteName);
    if (again.length) return adopt(ctx, again, expect);
    throw new ModuleError("exists_vanished", `vCloud said '${service.remoteName}' exists but cannot find it`, true);
  }
}

/** A stored task: true once it succeeded; a failure is final with VCD's reason. */
export async function taskSucceeded(s: VcdSession, task: RemoteTask): Promise<boolean> {
  const found = await getTask(s, task.taskId);
  if (!found) throw new ModuleError("task_missing", `vCloud has no task ${task.taskId} (${task.action}): the request may have been ignored`, true);
  if (found.status === "success") return true;
  if (TASK_RUNNING.has(found.status)) return false;
  // Not retryable: the engine would poll the same finished task again; a person looks at the vApp.
  if (TASK_FAILED.has(found.status)) {
    throw new ModuleError(`task_${found.status}`, `vCloud task ${found.operationName || task.action} ended ${found.status}${found.message ? `: ${found.message}` : ""}`, false);
  }
  throw new ModuleError("bad_response", `vCloud task ${task.taskId} has the unknown status '${found.status}'`, true);
}

export async function pollCompose(ctx: Ctx, s: VcdSession, task: RemoteTask): Promise<Outcome> {
  secretPassword(ctx.log, ctx.service.secrets.password);
  if (!(await taskSucceeded(s, task))) return waitFor(task);
  const vapp = await getVApp(s, task.vAppId);
  if (!vapp) throw new ModuleError("vapp_missing", `vCloud vApp ${task.vAppId} is not there after its compose task succeeded`, false);
  return confirm(ctx, vapp, task);
}
