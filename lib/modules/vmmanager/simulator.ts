import { randomBytes } from "node:crypto";
import { startSimulator, type SimReply, type Simulator } from "../simulator-server";
import { VM_ERRORS } from "./client";
import {
  accountView, fail, hash, hostView, HOSTNAME, json, parseWhere, seedOs, seedPresets, taskView,
  type SimAccount, type SimTask, type SimVm, type VmState,
} from "./simulator-data";

export type { SimAccount, SimOs, SimPreset, SimTask, SimVm, VmCall, VmState } from "./simulator-data";

/** A VMmanager 6 panel in memory, speaking protocols.md §3 with or without the /api prefix. */
export type VmmanagerSimulator = Simulator & {
  state: VmState;
  /** Makes every token issued so far expired, as an hour passing would. */
  expireTokens(): void;
  /** Adds a panel account that can log in (e.g. a non-admin one for check connection). */
  addAccount(email: string, password: string, roles: string[]): SimAccount;
  /** Puts a VM on the panel behind the billing's back: healthy and running unless told otherwise. */
  plantVm(vm: Partial<SimVm> & { name: string }): SimVm;
};

const IP_PREFIX = "192.0.2.";

export async function startVmmanagerSimulator(
  options: { port?: number; host?: string; email?: string; password?: string; pollsToComplete?: number } = {},
): Promise<VmmanagerSimulator> {
  let nextId = 100;
  const admin = (): SimAccount => ({ id: 1, email: options.email ?? "admin@example.test", passwordHash: hash(options.password ?? "secret"), roles: ["@admin"] });
  const fresh = (): VmState => ({
    vms: {}, tasks: [], presets: seedPresets(), os: seedOs(), accounts: [admin()], calls: [], logins: 0,
    tokenLifetimeMs: 3_600_000, pollsToComplete: options.pollsToComplete ?? 1, idleNext: 0, failNextTask: null, numbersAsStrings: false, bare401: false,
  });
  const state = fresh();
  const tokens = new Map<string, { account: number; expiresAt: number }>();

  function newTask(name: string, vmId: number, change?: SimTask["change"]): SimTask {
    const task: SimTask = { consul_id: nextId++, name, vmId, polls: 0, status: "running", ...(change ? { change } : {}) };
    state.tasks.push(task);
    return task;
  }

  /** `{id, task}`; with state.numbersAsStrings both as strings, as some panels' answers show them. */
  const startTask = (name: string, vmId: number, change?: SimTask["change"]) => {
    const task = newTask(name, vmId, change).consul_id;
    return json(200, state.numbersAsStrings ? { id: String(vmId), task: String(task) } : { id: vmId, task });
  };

  /** A task moves on when watched: a poll of it, or a read of its VM by id. A deferred one waits for the VM's stop. */
  function advance(task: SimTask) {
    if (task.status !== "running" || task.deferred || ++task.polls < state.pollsToComplete) return;
    const vm = state.vms[task.vmId];
    if (state.failNextTask) {
      // A failed task carries its reason in the task record, and a failed create leaves a broken VM (protocols §3).
      task.output = state.failNextTask;
      state.failNextTask = null;
      task.status = "fail";
      if (vm && task.name === "host_create") vm.state = "corrupted";
      return;
    }
    task.status = "complete";
    if (!vm) return;
    if (task.name === "host_create") vm.state = "active";
    // A start after a stop (a restart) is when deferred changes have been applied.
    if (task.name === "host_start") applyPending(vm, "active");
    if (task.name === "host_stop") applyPending(vm, "stopped");
    if (task.name === "host_delete") delete state.vms[vm.id];
    if (!task.change) return;
    // (unconf., after the *_new fields of the host record) a running VM takes new sizes at its next stop.
    if (vm.state === "active" && task.name !== "host_create") vm.pending = { ...vm.pending, ...task.change };
    else Object.assign(vm, task.change);
  }

  /** The VM stops: changes waiting for it are applied, deferred tasks run. */
  function applyPending(vm: SimVm, next: SimVm["state"]) {
    vm.state = next;
    Object.assign(vm, vm.pending ?? {});
    delete vm.pending;
    for (const t of state.tasks.filter((x) => x.vmId === vm.id && x.deferred)) {
      t.deferred = false;
      if (t.change) Object.assign(vm, t.change);
      t.change = undefined;
    }
  }

  const freeIp = () => {
    const used = new Set(Object.values(state.vms).map((vm) => vm.ip));
    for (let n = 10; n < 255; n++) if (!used.has(`${IP_PREFIX}${n}`)) return `${IP_PREFIX}${n}`;
    return undefined;
  };

  const invalid = (msg: string, value: Record<string, unknown>) => fail(400, VM_ERRORS.validation, msg, value);

  /** `defer: {action: "host_stop"}` on a running VM: the task waits for its next stop (ISPsystem's WHMCS module). */
  function deferrable(reply: SimReply, vm: SimVm, body: Record<string, unknown>): SimReply {
    const defer = (body.defer as { action?: unknown } | undefined)?.action;
    if (defer === "host_stop" && vm.state === "active") state.tasks.at(-1)!.deferred = true;
    return reply;
  }

  function create(body: Record<string, unknown>): SimReply {
    const name = String(body.name ?? "");
    if (!name) return invalid("Field 'name' is required", { field: "name" });
    if (sim.faults.exists) {
      sim.faults.exists = false;
      plant({ name, comment: "created by hand" });
    }
    // (unconf.) VMmanager refuses a second VM of the same name; POST host is otherwise not idempotent.
    if (Object.values(state.vms).some((vm) => vm.name === name)) return fail(400, VM_ERRORS.nameExists, `Host with name '${name}' already exists`, { name });
    const cluster = Number(body.cluster ?? 0);
    const os = state.os.find((o) => o.id === Number(body.os));
    // Validation refusals (protocols §3: deleted, other-cluster and admin-only images; the OS's minimum RAM); wording unconf.
    if (!os || os.state === "deleted") return invalid(`OS image ${String(body.os)} not found or deleted`, { os: body.os });
    if (os.clusters.length && !os.clusters.some((c) => c.id === cluster)) return invalid(`OS image '${os.name}' is not available in cluster ${cluster}`, { os: os.id, cluster });
    if (os.is_lxd_image) return invalid(`OS image '${os.name}' cannot be installed on a KVM cluster`, { os: os.id });
    const account = state.accounts.find((a) => a.id === Number(body.account));
    if (!account) return invalid(`Account ${String(body.account)} not found`, { account: body.account });
    if (os.adminonly && !account.roles.includes("@admin")) return invalid(`OS image '${os.name}' is available to administrators only`, { os: os.id });
    const preset = body.preset === undefined ? null : state.presets.find((p) => p.id === Number(body.preset));
    if (preset === undefined) return fail(400, VM_ERRORS.unknownPreset, `Unknown preset ${String(body.preset)}`, { preset: body.preset });
    const sizes = preset ?? { cpu_number: Number(body.cpu_number), ram_mib: Number(body.ram_mib), hdd_mib: Number(body.hdd_mib) };
    if (!(sizes.cpu_number > 0 && sizes.ram_mib > 0 && sizes.hdd_mib > 0)) return invalid("cpu_number, ram_mib and hdd_mib are required without a preset", {});
    if (sizes.ram_mib < os.min_ram_mib) return invalid(`RAM ${sizes.ram_mib} MiB is below the minimum of ${os.min_ram_mib} MiB for '${os.name}'`, { ram_mib: sizes.ram_mib });
    if (body.domain !== undefined && !HOSTNAME.test(String(body.domain))) return invalid(`Invalid domain name '${String(body.domain)}'`, { domain: body.domain });
    if (typeof body.password !== "string" || body.password.length < 6) return invalid("The password is too weak", { field: "password" });
    if (sim.faults.ignoreCreate) {
      // The panel accepts the request and makes nothing: an id and a task that never exist.
      sim.faults.ignoreCreate = false;
      return json(200, { id: nextId++, task: nextId++ });
    }
    const vm = plant({
      name, state: "creating", comment: String(body.comment ?? ""), owner: "api", os: { id: os.id, name: os.name }, preset,
      cpu_number: sizes.cpu_number, ram_mib: sizes.ram_mib, hdd_mib: sizes.hdd_mib, cluster, account: account.id,
      ...(typeof body.domain === "string" ? { domain: body.domain } : {}),
      // An address only when the create asks for one (ipv4_number, protocols §3).
      ip: Number(body.ipv4_number ?? 0) > 0 ? freeIp() : undefined,
      passwordHash: hash(body.password),
    });
    const reply = startTask("host_create", vm.id);
    if (!sim.faults.loseAnswer) return reply;
    // The create is done; the connection drops before the answer reaches the billing.
    sim.faults.loseAnswer = false;
    return { ...reply, drop: true };
  }

  /** A VM as the panel holds it: healthy and running unless told otherwise. */
  function plant(over: Partial<SimVm> & { name: string }): SimVm {
    const id = nextId++;
    const vm: SimVm = {
      id, state: "active", comment: "", owner: "other", os: { id: 1, name: "Ubuntu 22.04" }, preset: null, cpu_number: 1, ram_mib: 1024, hdd_mib: 10240,
      diskId: nextId++, cluster: 1, ip: freeIp(), passwordHash: hash(randomBytes(8).toString("hex")), ...over,
    };
    state.vms[id] = vm;
    return vm;
  }

  /** Owner accounts: found by email, created with {email,password,role} (protocols §3). */
  function accounts(method: string, body: Record<string, unknown>, filter: Record<string, string>, caller: SimAccount): SimReply {
    const isAdmin = caller.roles.includes("@admin");
    if (method === "GET") {
      // (unconf.) a non-admin sees only its own account.
      const visible = isAdmin ? state.accounts : [caller];
      return json(200, { list: visible.filter((a) => !filter.email || a.email.toLowerCase() === filter.email.toLowerCase()).map(accountView) });
    }
    if (!isAdmin) return fail(403, VM_ERRORS.unauthorized, "Access denied");
    const email = String(body.email ?? "");
    if (!/^[^@\s]+@[^@\s]+$/.test(email)) return invalid(`Invalid email '${email}'`, { email });
    if (state.accounts.some((a) => a.email.toLowerCase() === email.toLowerCase())) return invalid(`Account ${email} already exists`, { email });
    if (body.role !== "@user" && body.role !== "@admin") return invalid(`Unknown role ${String(body.role)}`, { role: body.role });
    const account = addAccount(email, String(body.password ?? ""), [String(body.role)]);
    return json(200, { id: account.id });
  }

  function addAccount(email: string, password: string, roles: string[]): SimAccount {
    const account = { id: nextId++, email, passwordHash: hash(password), roles };
    state.accounts.push(account);
    return account;
  }

  function route(method: string, path: string, url: URL, body: Record<string, unknown>, caller: SimAccount): SimReply {
    const filter = parseWhere(url.searchParams.get("where"));
    if (path === "/vm/v3/account" && (method === "GET" || method === "POST")) return accounts(method, body, filter, caller);
    if (!caller.roles.includes("@admin")) return fail(403, VM_ERRORS.unauthorized, "Access denied");
    if (method === "GET" && path === "/vm/v3/host") {
      if (filter.id) for (const task of state.tasks.filter((t) => String(t.vmId) === filter.id)) advance(task);
      const list = Object.values(state.vms).filter((vm) => Object.entries(filter).every(([k, v]) => String(vm[k as keyof SimVm]) === v));
      return json(200, { list: list.map(hostView) });
    }
    if (method === "GET" && path === "/vm/v3/task") {
      const list = state.tasks.filter((t) => Object.entries(filter).every(([k, v]) => String(t[k as keyof SimTask]) === v));
      list.forEach(advance);
      return json(200, { list: list.map(taskView) });
    }
    if (method === "GET" && path === "/vm/v3/os") return json(200, { list: state.os });
    if (method === "GET" && path === "/vm/v3/preset") return json(200, { list: state.presets });
    // The ambiguous fault: a change answered with neither {id, task} nor an error.
    if (method !== "GET" && sim.faults.ambiguous) return json(200, { result: "accepted" });
    if (method === "POST" && path === "/vm/v3/host") return create(body);
    const disk = path.match(/^\/vm\/v3\/disk\/(\d+)$/);
    if (disk && method === "POST") {
      const vm = Object.values(state.vms).find((v) => v.diskId === Number(disk[1]));
      if (!vm) return fail(404, VM_ERRORS.notFound, `Disk ${disk[1]} not found`);
      // Disk size through /vm/v3/disk/{id} {size_mib} (protocols §3); (unconf.) a disk only grows.
      const size = Number(body.size_mib);
      if (!(size >= vm.hdd_mib)) return invalid(`Disk size ${String(body.size_mib)} MiB: a disk can only grow (now ${vm.hdd_mib} MiB)`, { size_mib: body.size_mib });
      return deferrable(startTask("disk_resize", vm.id, { hdd_mib: size }), vm, body);
    }
    const m = path.match(/^\/vm\/v3\/host\/(\d+)(?:\/(stop|start|restart|resource))?$/);
    const vm = m ? state.vms[Number(m[1])] : undefined;
    if (!m) return fail(404, 1004, `No route ${method} ${path}`);
    if (!vm) return fail(404, VM_ERRORS.notFound, `Host ${m[1]} not found`, { id: m[1] });
    // DELETE starts host_delete; the VM shows "deleting" until it completes (protocols §3).
    if (method === "DELETE" && !m[2]) {
      vm.state = "deleting";
      return startTask("host_delete", vm.id);
    }
    if (method !== "POST") return fail(404, 1004, `No route ${method} ${path}`);
    // Suspend and resume are host_stop and host_start tasks (protocols §3).
    if (m[2] === "stop" || m[2] === "start") return startTask(`host_${m[2]}`, vm.id);
    if (m[2] === "restart") {
      // A restart stops the VM and starts it: {id, task, start_task} (ISPsystem's WHMCS module); deferred
      // changes are applied by then, and their tasks wait until the start is done.
      const stop = newTask("host_stop", vm.id);
      stop.status = "complete";
      return json(200, { id: vm.id, task: stop.consul_id, start_task: newTask("host_start", vm.id).consul_id });
    }
    if (m[2] === "resource") {
      // Only cpu_number and ram_mib change here (protocols §3); anything else, a preset included, is ignored.
      const change: SimTask["change"] = {};
      if (Number(body.cpu_number) > 0) change.cpu_number = Number(body.cpu_number);
      if (Number(body.ram_mib) > 0) change.ram_mib = Number(body.ram_mib);
      return deferrable(startTask("host_change_params", vm.id, change), vm, body);
    }
    return fail(404, 1004, `No route ${method} ${path}`);
  }

  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    async handle(req, raw, url) {
      const path = url.pathname.replace(/^\/api(?=\/)/, "");
      const method = req.method ?? "GET";
      let body: Record<string, unknown>;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return fail(400, 1002, "Body is not JSON");
      }
      const { password: secret, ...shown } = body;
      state.calls.push({ method, path, query: Object.fromEntries(url.searchParams), ...(raw ? { body: secret === undefined ? shown : { ...shown, password: "***" } } : {}) });
      if (state.idleNext > 0) {
        // HTTP 503: the panel is idle or suspended, retry (protocols §3).
        state.idleNext -= 1;
        return { status: 503, headers: { "content-type": "text/plain" }, body: "Service Unavailable" };
      }
      if (method === "POST" && path === "/auth/v4/public/token") {
        // A wrong login answers HTTP 400: 3004 for an email with no account, 3011 for a wrong password.
        const known = state.accounts.find((a) => a.email === body.email);
        if (!known) return fail(400, VM_ERRORS.noSuchUser, "User not found");
        const account = known.passwordHash === hash(String(body.password ?? "")) ? known : null;
        if (!account) return fail(400, VM_ERRORS.wrongPassword, "Invalid password");
        const token = `${nextId++}-${randomBytes(16).toString("hex")}`;
        const expiresAt = Date.now() + state.tokenLifetimeMs;
        tokens.set(token, { account: account.id, expiresAt });
        state.logins += 1;
        // The token answer is HTTP 201 with its expiry (protocols §3).
        return json(201, { id: String(nextId++), token, expires_at: new Date(expiresAt).toISOString(), confirmed: true });
      }
      // An unknown or expired token answers 401 with code 3001 (protocols §3).
      const session = tokens.get(String(req.headers["x-xsrf-token"] ?? ""));
      const caller = session && session.expiresAt > Date.now() ? state.accounts.find((a) => a.id === session.account) : undefined;
      if (!caller) return state.bare401 ? { status: 401, body: "" } : fail(401, VM_ERRORS.unauthorized, "Unauthorized");
      return route(method, path, url, body, caller);
    },
    panelError: () => fail(500, 1000, "Internal error, try again later"),
    inspect: () => ({ vms: Object.values(state.vms).map(({ passwordHash: _hidden, ...vm }) => vm), tasks: state.tasks, accounts: state.accounts.map(accountView), calls: state.calls }),
    reset() {
      Object.assign(state, fresh());
      tokens.clear();
    },
  });

  return {
    ...sim,
    state,
    expireTokens: () => {
      for (const session of tokens.values()) session.expiresAt = 0;
    },
    addAccount,
    plantVm: plant,
  };
}
