import { done, ModuleError, type AttemptLog, type Done, type Outcome } from "../contract";
import { connect, findHosts, int, taskOf, type VmHost, type VmSession } from "./client";
import { chooseOs, findPreset, ownerAccount, sizesOf, type Sizes } from "./catalog";
import { HEALTHY, mismatch, ownerMarker, taskComplete, waitFor, type Ctx, type RemoteTask } from "./host";

export function secretPassword(log: AttemptLog, password: string) {
  log.secret(password);
  log.secret(JSON.stringify(password).slice(1, -1));
}

async function wanted(ctx: Ctx, s: VmSession): Promise<{ sizes: Sizes; preset?: number }> {
  const preset = ctx.service.template ? await findPreset(s, ctx.service.template) : null;
  return { sizes: sizesOf(preset, ctx.service.resources), ...(preset ? { preset: preset.id } : {}) };
}

function doneFor(ctx: Ctx, host: VmHost, adopted: boolean): Done {
  const details: Record<string, string> = { panel_login: ctx.service.client.email };
  const ip = host.ip4?.[0]?.ip;
  const hostname = host.domain || ctx.service.params.hostname;
  if (ip) details.ip = ip;
  if (hostname) details.hostname = hostname;
  const os = host.os?.name || host.os_name;
  if (os) details.os = os;
  return done({ remoteId: String(host.id), details, secrets: { password: ctx.service.secrets.password! }, ...(adopted ? { adopted } : {}) });
}

/** Done only for a working VM that has what the tariff says; a VM that is still being made is waited for. */
function confirm(ctx: Ctx, host: VmHost, task: RemoteTask): Outcome {
  if (host.state === "creating") return waitFor(task);
  if (!HEALTHY.has(host.state)) throw new ModuleError("vm_broken", `VMmanager VM ${host.id} ended up in state '${host.state}'`, false);
  const wrong = mismatch(host, task.expect);
  if (wrong.length) throw new ModuleError("vm_mismatch", `VMmanager VM ${host.id} does not have the tariff's resources: ${wrong.join("; ")}`, false);
  return doneFor(ctx, host, Boolean(task.adopted));
}

/**
 * A VM of our name from an earlier try: ours only with this service's marker, and taken over only
 * while it is being made or working. A failed, corrupted or deleting VM goes to a person.
 */
function adopt(ctx: Ctx, named: VmHost[], sizes: Sizes): Outcome {
  const ours = named.find((host) => host.comment === ownerMarker(ctx.service));
  if (!ours) {
    throw new ModuleError("exists_foreign", `VMmanager already has a VM '${ctx.service.remoteName}' that this billing did not create: not touched`, false);
  }
  if (ours.state !== "creating" && !HEALTHY.has(ours.state)) {
    throw new ModuleError("exists_broken", `VMmanager has this service's VM ${ours.id} in state '${ours.state}': a person must look at it`, false);
  }
  ctx.log.line(`VM ${ours.name} (${ours.id}) exists and is ours: adopted`);
  // The create task's id is lost with the earlier try: poll() watches the VM itself.
  return confirm(ctx, ours, { vmId: ours.id, name: "host_create", adopted: true, expect: sizes });
}

export async function open(ctx: Ctx): Promise<Outcome> {
  const { service, connection: conn, log } = ctx;
  const password = service.secrets.password;
  if (!password) throw new ModuleError("password_missing", "The service has no root password to create the VM with", false);
  secretPassword(log, password);
  const s = await connect(conn, log);
  const { sizes, preset } = await wanted(ctx, s);
  // POST /vm/v3/host is not idempotent: always look for a VM of an earlier try first.
  const named = await findHosts(s, { name: service.remoteName });
  if (named.length) return adopt(ctx, named, sizes);
  const os = await chooseOs(s, conn, service.params.os);
  const account = await ownerAccount(s, service.client.email, password);
  const body = {
    name: service.remoteName,
    password,
    cluster: conn.cluster,
    os: os.id,
    // With a preset the panel takes cpu, ram and disk from it (protocols §3).
    ...(preset ? { preset } : sizes),
    account: account.id,
    ipv4_number: 1,
    ipv4_pool: conn.ipPool ? [conn.ipPool] : undefined,
    domain: service.params.hostname,
    comment: ownerMarker(service),
  };
  try {
    const answer = await s.post<{ id?: unknown; task?: unknown }>("/vm/v3/host", body);
    const vmId = int(answer.id);
    if (vmId === undefined) throw new ModuleError("bad_response", "VMmanager host: no VM id in the answer", true);
    return waitFor({ task: taskOf(answer, "host"), vmId, name: "host_create", expect: sizes });
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "exists") throw error;
    const again = await findHosts(s, { name: service.remoteName });
    if (again.length) return adopt(ctx, again, sizes);
    throw new ModuleError("exists_vanished", `VMmanager said '${service.remoteName}' exists but cannot find it`, true);
  }
}

export async function pollCreate(ctx: Ctx, s: VmSession, task: RemoteTask): Promise<Outcome> {
  if (ctx.service.secrets.password) secretPassword(ctx.log, ctx.service.secrets.password);
  if (!(await taskComplete(s, task))) return waitFor(task);
  const host = (await findHosts(s, { id: task.vmId }))[0];
  if (!host) throw new ModuleError("vm_missing", `VMmanager VM ${task.vmId} is not on the panel after its create`, false);
  return confirm(ctx, host, task);
}
