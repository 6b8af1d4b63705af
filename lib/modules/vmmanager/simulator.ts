import { createHash, randomBytes } from "node:crypto";
import { startSimulator, type SimReply, type Simulator } from "../simulator-server";
import { VM_ERRORS } from "./client";

/** A VMmanager 6 panel in memory, speaking protocols.md §3 with or without the /api prefix. */

type Named = { id: number; name: string };
export type SimPreset = Named & { cpu_number: number; ram_mib: number; hdd_mib: number };

export type SimVm = {
  id: number;
  name: string;
  state: "creating" | "active" | "stopped" | "deleting" | "corrupted";
  /** Ownership mark: the billing writes its marker here; the exists fault plants someone else's. */
  comment: string;
  owner: "api" | "other";
  os: Named;
  preset: SimPreset | null;
  cpu_number: number;
  ram_mib: number;
  hdd_mib: number;
  cluster: number;
  account?: number;
  domain?: string;
  ip?: string;
  passwordHash: string;
};

export type SimTask = { consul_id: number; name: string; vmId: number; polls: number; status: "running" | "complete" | "fail"; preset?: SimPreset };
export type VmCall = { method: string; path: string; query: Record<string, string>; body?: Record<string, unknown> };

export type VmState = {
  vms: Record<number, SimVm>;
  tasks: SimTask[];
  presets: SimPreset[];
  os: Named[];
  calls: VmCall[];
  /** A task completes on its K-th poll. */
  pollsToComplete: number;
  /** Answer HTTP 503 (panel idle) to the next N calls. */
  idleNext: number;
  /** The next task started ends in "fail". */
  failNextTask: boolean;
};

export type VmmanagerSimulator = Simulator & { state: VmState };

const seedPresets = (): SimPreset[] => [
  { id: 1, name: "vps-small", cpu_number: 1, ram_mib: 1024, hdd_mib: 20480 },
  { id: 2, name: "vps-large", cpu_number: 4, ram_mib: 8192, hdd_mib: 81920 },
];
const seedOs = (): Named[] => [
  { id: 1, name: "Ubuntu 22.04" },
  { id: 2, name: "Debian 12" },
];
const IP_PREFIX = "192.0.2.";
const hash = (value: string) => createHash("sha256").update(value).digest("hex");
const json = (status: number, value: unknown): SimReply => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
const fail = (status: number, code: number, msg: string, value: Record<string, unknown> = {}) => json(status, { error: { code, msg, value } });

/** The `where` filter: (field EQ 'v') terms joined by AND; "+" and spaces both separate. */
function parseWhere(where: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of (where ?? "").matchAll(/\((\w+)[+ ]+EQ[+ ]+'([^']*)'\)/g)) out[m[1]!] = m[2]!;
  return out;
}

const hostView = ({ passwordHash: _hidden, owner: _owner, ip, preset, cluster, account, ...vm }: SimVm) => ({
  ...vm,
  ip4: ip ? [{ ip }] : [],
  preset: preset ? { id: preset.id, name: preset.name } : null,
  cluster: { id: cluster },
  ...(account ? { account: { id: account } } : {}),
});

export async function startVmmanagerSimulator(
  options: { port?: number; host?: string; email?: string; password?: string; pollsToComplete?: number } = {},
): Promise<VmmanagerSimulator> {
  const email = options.email ?? "admin@example.test";
  const password = options.password ?? "secret";
  const fresh = (): VmState => ({
    vms: {}, tasks: [], presets: seedPresets(), os: seedOs(), calls: [],
    pollsToComplete: options.pollsToComplete ?? 1, idleNext: 0, failNextTask: false,
  });
  const state = fresh();
  const tokens = new Set<string>();
  let nextId = 100;

  function startTask(name: string, vmId: number, preset?: SimPreset) {
    const task: SimTask = { consul_id: nextId++, name, vmId, polls: 0, status: "running", ...(preset ? { preset } : {}) };
    state.tasks.push(task);
    return { id: vmId, task: task.consul_id };
  }

  /** A task moves on when watched: a poll of it, or a read of its VM by id. */
  function advance(task: SimTask) {
    if (task.status !== "running" || ++task.polls < state.pollsToComplete) return;
    const vm = state.vms[task.vmId];
    if (state.failNextTask) {
      state.failNextTask = false;
      task.status = "fail";
      if (vm && task.name === "host_create") vm.state = "corrupted";
      return;
    }
    task.status = "complete";
    if (!vm) return;
    if (task.name === "host_create" || task.name === "host_start") vm.state = "active";
    if (task.name === "host_stop") vm.state = "stopped";
    if (task.name === "host_delete") delete state.vms[vm.id];
    if (task.name === "host_change_params" && task.preset) Object.assign(vm, { preset: task.preset, cpu_number: task.preset.cpu_number, ram_mib: task.preset.ram_mib, hdd_mib: task.preset.hdd_mib });
  }

  const freeIp = () => {
    const used = new Set(Object.values(state.vms).map((vm) => vm.ip));
    for (let n = 10; n < 255; n++) if (!used.has(`${IP_PREFIX}${n}`)) return `${IP_PREFIX}${n}`;
    return undefined;
  };

  function create(body: Record<string, unknown>): SimReply {
    const name = String(body.name ?? "");
    if (!name) return fail(400, 1003, "Field 'name' is required", { field: "name" });
    if (sim.faults.exists) {
      sim.faults.exists = false;
      const id = nextId++;
      state.vms[id] ??= {
        id, name, state: "active", comment: "created by hand", owner: "other", os: state.os[0]!, preset: null,
        cpu_number: 1, ram_mib: 512, hdd_mib: 10240, cluster: 1, ip: freeIp(), passwordHash: hash(randomBytes(8).toString("hex")),
      };
    }
    // (unconf.) VMmanager refuses a second VM of the same name; POST host is otherwise not idempotent.
    if (Object.values(state.vms).some((vm) => vm.name === name)) return fail(400, VM_ERRORS.nameExists, `Host with name '${name}' already exists`, { name });
    const os = state.os.find((o) => o.id === Number(body.os));
    if (!os) return fail(400, VM_ERRORS.unknownOs, `Unknown OS ${String(body.os)}`, { os: body.os });
    const preset = body.preset === undefined ? null : state.presets.find((p) => p.id === Number(body.preset));
    if (preset === undefined) return fail(400, VM_ERRORS.unknownPreset, `Unknown preset ${String(body.preset)}`, { preset: body.preset });
    if (typeof body.password !== "string" || body.password.length < 6) return fail(400, 1003, "The password is too weak", { field: "password" });
    const ip = Number(body.ipv4_number ?? 0) > 0 ? freeIp() : undefined;
    const id = nextId++;
    state.vms[id] = {
      id, name, state: "creating", comment: String(body.comment ?? ""), owner: "api", os, preset,
      cpu_number: preset?.cpu_number ?? Number(body.cpu_number ?? 1),
      ram_mib: preset?.ram_mib ?? Number(body.ram_mib ?? 1024),
      hdd_mib: preset?.hdd_mib ?? Number(body.hdd_mib ?? 10240),
      cluster: Number(body.cluster ?? 1),
      ...(body.account ? { account: Number(body.account) } : {}),
      ...(typeof body.domain === "string" ? { domain: body.domain } : {}),
      ...(ip ? { ip } : {}),
      passwordHash: hash(body.password),
    };
    return json(200, startTask("host_create", id));
  }

  function route(method: string, path: string, url: URL, body: Record<string, unknown>): SimReply {
    const filter = parseWhere(url.searchParams.get("where"));
    if (method === "GET" && path === "/vm/v3/host") {
      const list = Object.values(state.vms).filter((vm) => Object.entries(filter).every(([k, v]) => String(vm[k as keyof SimVm]) === v));
      if (filter.id) for (const task of state.tasks.filter((t) => String(t.vmId) === filter.id)) advance(task);
      return json(200, { list: list.filter((vm) => state.vms[vm.id]).map(hostView) });
    }
    if (method === "GET" && path === "/vm/v3/task") {
      const list = state.tasks.filter((t) => Object.entries(filter).every(([k, v]) => String(t[k as keyof SimTask]) === v));
      list.forEach(advance);
      return json(200, { list: list.map(({ polls: _p, preset: _preset, vmId: _vm, ...t }) => ({ ...t, id: t.consul_id })) });
    }
    if (method === "GET" && path === "/vm/v3/os") return json(200, { list: state.os });
    if (method === "GET" && path === "/vm/v3/preset") return json(200, { list: state.presets });
    if (method === "POST" && path === "/vm/v3/host") return create(body);
    const m = path.match(/^\/vm\/v3\/host\/(\d+)(?:\/(stop|start|resource))?$/);
    const vm = m ? state.vms[Number(m[1])] : undefined;
    if (!m || (method !== "POST" && method !== "DELETE")) return fail(404, 1004, `No route ${method} ${path}`);
    if (!vm || vm.state === "deleting") return fail(404, VM_ERRORS.notFound, `Host ${m[1]} not found`, { id: m[1] });
    if (method === "DELETE" && !m[2]) {
      vm.state = "deleting";
      return json(200, startTask("host_delete", vm.id));
    }
    if (m[2] === "stop" || m[2] === "start") return json(200, startTask(`host_${m[2]}`, vm.id));
    if (m[2] === "resource") {
      const preset = state.presets.find((p) => p.id === Number(body.preset));
      if (!preset) return fail(400, VM_ERRORS.unknownPreset, `Unknown preset ${String(body.preset)}`);
      return json(200, startTask("host_change_params", vm.id, preset));
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
        state.idleNext -= 1;
        return { status: 503, headers: { "content-type": "text/plain" }, body: "Service Unavailable" };
      }
      if (method === "POST" && path === "/auth/v4/public/token") {
        if (body.email !== email || body.password !== password) return fail(400, VM_ERRORS.unauthorized, "Invalid email or password");
        const token = `${nextId++}-${randomBytes(16).toString("hex")}`;
        tokens.add(token);
        return json(201, { id: String(nextId++), token, expires_at: new Date(Date.now() + 3_600_000).toISOString(), confirmed: true });
      }
      if (!tokens.has(String(req.headers["x-xsrf-token"] ?? ""))) return fail(401, VM_ERRORS.unauthorized, "Unauthorized");
      return route(method, path, url, body);
    },
    panelError: () => fail(500, 1000, "Internal error, try again later"),
    inspect: () => ({ vms: Object.values(state.vms).map(({ passwordHash: _hidden, ...vm }) => vm), tasks: state.tasks, calls: state.calls }),
    reset() {
      Object.assign(state, fresh());
      tokens.clear();
    },
  });

  return { ...sim, state };
}
