import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { startSimulator, type SimReply, type Simulator } from "../simulator-server";
import { element, elements, escapeXml as esc, textOf } from "./xml";

/** VMware Cloud Director in memory (protocols.md §4): JSON on /cloudapi, XML on the legacy /api. */

export type Composed = { name: string; cpus: number; memoryMb: number; diskMb: number; computerName: string };
export type SimVApp = Composed & {
  id: string;
  description: string;
  vdcId: string;
  /** -1 failed, 0 being built, 4 powered on, 8 powered off. */
  status: number;
  deployed: boolean;
  owner: "api" | "other";
  ip: string;
  passwordHash: string;
};
type Effect = "composed" | "poweredOn" | "poweredOff" | "undeployed" | "deleted";
export type SimTask = { id: string; operationName: string; vAppId: string; effect: Effect; polls: number; status: string };
export type VcdCall = { method: string; path: string; query: Record<string, string> };

export type VcdState = {
  vapps: Record<string, SimVApp>;
  tasks: Record<string, SimTask>;
  /** What every composeVApp asked for, as parsed from the XML. */
  composed: Composed[];
  calls: VcdCall[];
  /** A task reports success on its K-th poll. */
  pollsToComplete: number;
  /** Answer HTTP 503 to the next N calls. */
  unavailableNext: number;
  /** The next task that finishes ends in "error". */
  failNextTask: boolean;
  /** The next N queries answer no records, as a lagging query service would. */
  staleQueries: number;
};

export type VcloudSimulator = Simulator & { state: VcdState; vdcId: string };

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://www.vmware.com/vcloud/v1.5"';
const hash = (value: string) => createHash("sha256").update(value).digest("hex");
const xml = (status: number, body: string, headers: Record<string, string> = {}): SimReply => ({
  status,
  headers: { "content-type": "application/vnd.vmware.vcloud+xml;version=36.3", ...headers },
  body: XML_HEAD + body,
});
const vcdError = (status: number, minor: string, message: string) =>
  xml(status, `<Error ${NS} majorErrorCode="${status}" minorErrorCode="${minor}" message="${esc(message)}" stackTrace=""/>`);
const AFTER: Record<Effect, Partial<SimVApp>> = {
  composed: { status: 4, deployed: true },
  poweredOn: { status: 4, deployed: true },
  poweredOff: { status: 8 },
  undeployed: { status: 8, deployed: false },
  deleted: {},
};

export async function startVcloudSimulator(
  options: { port?: number; host?: string; org?: string; username?: string; password?: string; vdcId?: string; pollsToComplete?: number } = {},
): Promise<VcloudSimulator> {
  const login = `${options.username ?? "admin"}@${options.org ?? "provider"}:${options.password ?? "secret"}`;
  const vdcId = options.vdcId ?? "a93c9db9-7471-3192-8d09-a8f7eeda85f9";
  const fresh = (): VcdState => ({ vapps: {}, tasks: {}, composed: [], calls: [], pollsToComplete: options.pollsToComplete ?? 1, unavailableNext: 0, failNextTask: false, staleQueries: 0 });
  const state = fresh();
  const tokens = new Set<string>();
  let nextIp = 10;

  const baseOf = (req: IncomingMessage) => `http://${req.headers.host ?? "127.0.0.1"}`;
  const taskXml = (base: string, t: SimTask) => {
    const error = t.status === "error" ? `<Error majorErrorCode="500" minorErrorCode="INTERNAL_SERVER_ERROR" message="${t.operationName} failed"/>` : "";
    return `<Task ${NS} href="${base}/api/task/${t.id}" id="urn:vcloud:task:${t.id}" status="${t.status}" operationName="${t.operationName}"><Owner href="${base}/api/vApp/${t.vAppId}" type="application/vnd.vmware.vcloud.vApp+xml"/>${error}</Task>`;
  };
  const vappXml = (base: string, v: SimVApp) => {
    const running = Object.values(state.tasks).filter((t) => t.vAppId === v.id && t.status === "running");
    const tasks = running.length ? `<Tasks>${running.map((t) => taskXml(base, t)).join("")}</Tasks>` : "";
    return `<VApp ${NS} name="${esc(v.name)}" id="urn:vcloud:vapp:${v.id.slice(5)}" href="${base}/api/vApp/${v.id}" status="${v.status}" deployed="${v.deployed}"><Description>${esc(v.description)}</Description>${tasks}<Children><Vm name="${esc(v.name)}" status="${v.status}"><NetworkConnectionSection><NetworkConnection network="vdc-net"><IpAddress>${v.ip}</IpAddress><IsConnected>true</IsConnected></NetworkConnection></NetworkConnectionSection><GuestCustomizationSection><ComputerName>${esc(v.computerName)}</ComputerName></GuestCustomizationSection><VmSpecSection><NumCpus>${v.cpus}</NumCpus><MemoryResourceMb><Configured>${v.memoryMb}</Configured></MemoryResourceMb></VmSpecSection></Vm></Children></VApp>`;
  };

  function startTask(base: string, v: SimVApp, operationName: string, effect: Effect): SimReply {
    const task: SimTask = { id: randomUUID(), operationName, vAppId: v.id, effect, polls: 0, status: "running" };
    state.tasks[task.id] = task;
    return xml(202, taskXml(base, task), { location: `${base}/api/task/${task.id}` });
  }

  function advance(task: SimTask) {
    if (task.status !== "running" || ++task.polls < state.pollsToComplete) return;
    const v = state.vapps[task.vAppId];
    if (state.failNextTask) {
      state.failNextTask = false;
      task.status = "error";
      if (v && task.effect === "composed") v.status = -1;
      return;
    }
    task.status = "success";
    if (!v) return;
    if (task.effect === "deleted") delete state.vapps[v.id];
    else Object.assign(v, AFTER[task.effect]);
  }

  function compose(req: IncomingMessage, body: string, id: string): SimReply {
    if (id !== vdcId) return vcdError(404, "RESOURCE_NOT_FOUND", `No vDC ${id}`);
    if (!String(req.headers["content-type"]).startsWith("application/vnd.vmware.vcloud.composeVAppParams+xml")) {
      return vcdError(415, "UNSUPPORTED_MEDIA_TYPE", "Expected composeVAppParams+xml");
    }
    const name = element(body, "ComposeVAppParams")?.attrs.name ?? "";
    const spec = element(body, "VmSpecSection")?.inner ?? "";
    const composed: Composed = {
      name,
      cpus: Number(textOf(spec, "NumCpus")),
      memoryMb: Number(textOf(element(spec, "MemoryResourceMb")?.inner ?? "", "Configured")),
      diskMb: elements(spec, "SizeMb").reduce((sum, e) => sum + Number(e.inner), 0),
      computerName: textOf(body, "ComputerName") ?? name,
    };
    state.composed.push(composed);
    if (!name || !(composed.cpus > 0) || !(composed.memoryMb > 0) || !(composed.diskMb > 0)) {
      return vcdError(400, "BAD_REQUEST", "A name and positive NumCpus, MemoryResourceMb and disk SizeMb are required");
    }
    const make = (over: Partial<SimVApp>): SimVApp => ({
      ...composed, id: `vapp-${randomUUID()}`, description: "", vdcId, status: 0, deployed: false, owner: "api",
      ip: `198.51.100.${nextIp++}`, passwordHash: hash(textOf(body, "AdminPassword") ?? ""), ...over,
    });
    if (sim.faults.exists) {
      sim.faults.exists = false;
      const foreign = make({ description: "made by another tenant", owner: "other", status: 4, deployed: true });
      state.vapps[foreign.id] = foreign;
    }
    if (Object.values(state.vapps).some((v) => v.name === name && v.vdcId === id)) {
      return vcdError(400, "DUPLICATE_NAME", `The VCD entity ${name} already exists.`);
    }
    const vapp = make({ description: textOf(body, "Description") ?? "" });
    state.vapps[vapp.id] = vapp;
    startTask(baseOf(req), vapp, "vdcComposeVapp", "composed");
    return xml(201, vappXml(baseOf(req), vapp));
  }

  function legacy(req: IncomingMessage, body: string, url: URL): SimReply {
    const base = baseOf(req);
    const method = req.method ?? "GET";
    const path = url.pathname;
    let m = path.match(/^\/api\/vdc\/([^/]+)\/action\/composeVApp$/);
    if (m && method === "POST") return compose(req, body, decodeURIComponent(m[1]!));
    if (method === "GET" && path === "/api/query") {
      // (unconf.) only the FIQL filter (name==X) that the module sends is understood.
      const name = /name==([^;)]*)/.exec(url.searchParams.get("filter") ?? "")?.[1];
      const stale = state.staleQueries > 0 && state.staleQueries-- > 0;
      const records = Object.values(state.vapps)
        .filter((v) => !stale && url.searchParams.get("type") === "vApp" && (name === undefined || v.name === name))
        .map((v) => `<VAppRecord name="${esc(v.name)}" href="${base}/api/vApp/${v.id}" status="${v.status === 4 ? "POWERED_ON" : "POWERED_OFF"}" vdc="${base}/api/vdc/${v.vdcId}"/>`);
      return xml(200, `<QueryResultRecords ${NS} total="${records.length}">${records.join("")}</QueryResultRecords>`);
    }
    m = path.match(/^\/api\/task\/([^/]+)$/);
    if (m && method === "GET") {
      const task = state.tasks[m[1]!];
      if (!task) return vcdError(404, "RESOURCE_NOT_FOUND", `No task ${m[1]}`);
      advance(task);
      return xml(200, taskXml(base, task));
    }
    m = path.match(/^\/api\/vApp\/([^/]+)(\/.*)?$/);
    const vapp = m ? state.vapps[m[1]!] : undefined;
    if (!m) return vcdError(404, "RESOURCE_NOT_FOUND", `No route ${method} ${path}`);
    if (!vapp) return vcdError(404, "RESOURCE_NOT_FOUND", `No vApp ${m[1]}`);
    const action = `${method} ${m[2] ?? ""}`;
    if (action === "GET ") return xml(200, vappXml(base, vapp));
    if (action === "POST /power/action/powerOn") {
      if (vapp.status === 4) return vcdError(400, "BAD_REQUEST", "The requested operation could not be executed since vApp is powered on.");
      return startTask(base, vapp, "vappDeploy", "poweredOn");
    }
    if (action === "POST /power/action/powerOff") {
      if (vapp.status !== 4) return vcdError(400, "BAD_REQUEST", "The requested operation could not be executed since vApp is not running.");
      return startTask(base, vapp, "vappPowerOff", "poweredOff");
    }
    if (action === "POST /action/undeploy") return startTask(base, vapp, "vappUndeployPowerOff", "undeployed");
    if (action === "DELETE ") {
      if (vapp.deployed && url.searchParams.get("force") !== "true") return vcdError(400, "BAD_REQUEST", "The vApp is deployed: undeploy it first.");
      return startTask(base, vapp, "vdcDeleteVapp", "deleted");
    }
    return vcdError(404, "RESOURCE_NOT_FOUND", `No route ${method} ${path}`);
  }

  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    async handle(req, body, url) {
      state.calls.push({ method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams) });
      if (state.unavailableNext > 0) {
        state.unavailableNext -= 1;
        return { status: 503, headers: { "content-type": "text/plain" }, body: "Service Unavailable" };
      }
      if (url.pathname === "/cloudapi/1.0.0/sessions" && req.method === "POST") {
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
        const json = { "content-type": `application/json;version=36.3` };
        if (!basic || Buffer.from(basic, "base64").toString("utf8") !== login) {
          return { status: 401, headers: json, body: JSON.stringify({ minorErrorCode: "UNAUTHORIZED", message: "Invalid credentials" }) };
        }
        const token = randomBytes(24).toString("base64url");
        tokens.add(token);
        return { status: 200, headers: { ...json, "x-vmware-vcloud-access-token": token }, body: JSON.stringify({ id: `urn:vcloud:session:${randomUUID()}`, user: { name: options.username ?? "admin" }, org: { name: options.org ?? "provider" } }) };
      }
      const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!bearer || !tokens.has(bearer)) return vcdError(401, "UNAUTHORIZED", "Not authorized");
      if (!url.pathname.startsWith("/api/")) return vcdError(404, "RESOURCE_NOT_FOUND", `No route ${url.pathname}`);
      return legacy(req, body, url);
    },
    panelError: () => vcdError(500, "INTERNAL_SERVER_ERROR", "Internal server error, try again later"),
    inspect: () => ({ vapps: Object.values(state.vapps).map(({ passwordHash: _hidden, ...v }) => v), tasks: state.tasks, composed: state.composed, calls: state.calls }),
    reset() {
      Object.assign(state, fresh());
      tokens.clear();
    },
  });

  return { ...sim, state, vdcId };
}
