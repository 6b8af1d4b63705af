import { randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { startSimulator, type SimReply, type Simulator } from "../simulator-server";
import { readCompose, schemaViolation } from "./simulator-compose";
import { AFTER, defaultVersions, hash, NS, prefixed, taskXml, vappView, vcdError, xml, type Effect, type SimTask, type SimVApp, type VcdState } from "./simulator-data";
import { escapeXml as esc } from "./xml";

export type { Composed } from "./simulator-compose";
export type { SimTask, SimVApp, SimVersion, VcdCall, VcdState } from "./simulator-data";

/** VMware Cloud Director in memory (protocols §4): JSON on /cloudapi, XML on the legacy /api. */

export type VcloudSimulator = Simulator & {
  state: VcdState;
  vdcId: string;
  /** Sessions logged in, not logged out and not expired. */
  openSessions(): number;
  /** Expires every session, as an idle timeout would. */
  expireSessions(): void;
  /** Puts a vApp in the vDC behind the billing's back: powered on, unless told otherwise. */
  plantVApp(over: Partial<SimVApp> & { name: string }): SimVApp;
};

export async function startVcloudSimulator(
  options: { port?: number; host?: string; org?: string; username?: string; password?: string; vdcId?: string; pollsToComplete?: number } = {},
): Promise<VcloudSimulator> {
  const login = `${options.username ?? "admin"}@${options.org ?? "provider"}:${options.password ?? "secret"}`;
  const vdcId = options.vdcId ?? "a93c9db9-7471-3192-8d09-a8f7eeda85f9";
  const fresh = (): VcdState => ({
    vapps: {}, tasks: {}, composed: [], calls: [], versions: defaultVersions(), networks: new Map([["vdc-net", "/api/network/4f1c7d0e-net"]]),
    logins: 0, sessionLifetimeMs: 30 * 60_000, pollsToComplete: options.pollsToComplete ?? 1, taskMs: 30_000, loseActionAnswer: false, unavailableNext: 0, failNextTask: null, staleQueries: 0, variant: false,
  });
  const state = fresh();
  const sessions = new Map<string, number>();
  let nextIp = 10;

  // A missing (or never existing) entity answers 403, not 404 (protocols §4).
  const forbidden = () => vcdError(403, "ACCESS_TO_RESOURCE_IS_FORBIDDEN", "Either you need some or all of the following rights [Base] to perform operations [VAPP_VIEW] for this entity or the entity does not exist.");
  const baseOf = (req: IncomingMessage) => `http://${req.headers.host ?? "127.0.0.1"}`;
  const running = (v: SimVApp) => Object.values(state.tasks).filter((t) => t.vAppId === v.id && t.status === "running");
  const vappXml = (base: string, v: SimVApp) => vappView(base, v, running(v), state.variant);

  function startTask(base: string, v: SimVApp, operationName: string, effect: Effect): SimTask {
    const task: SimTask = { id: randomUUID(), operationName, vAppId: v.id, effect, polls: 0, status: "running", startedAt: Date.now() };
    state.tasks[task.id] = task;
    return task;
  }
  function accepted(base: string, task: SimTask): SimReply {
    const reply = xml(202, taskXml(base, task), { location: `${base}/api/task/${task.id}` });
    if (!state.loseActionAnswer) return reply;
    // The lost-answer fault of an action: its task runs, the connection drops before the answer.
    state.loseActionAnswer = false;
    return { ...reply, drop: true };
  }

  function advance(task: SimTask) {
    if (task.status !== "running" || ++task.polls < state.pollsToComplete) return;
    finish(task);
  }

  /** Tasks end on their own once their time has come, whoever polls them. */
  function settleDue() {
    for (const task of Object.values(state.tasks)) if (task.status === "running" && Date.now() - task.startedAt >= state.taskMs) finish(task);
  }

  function finish(task: SimTask) {
    const v = state.vapps[task.vAppId];
    if (state.failNextTask) {
      // A failed task carries its Error; a failed compose leaves the vApp in FAILED_CREATION (-1).
      task.error = state.failNextTask;
      state.failNextTask = null;
      task.status = "error";
      if (v && task.effect === "composed") v.status = -1;
      return;
    }
    task.status = "success";
    if (!v) return;
    if (task.effect === "deleted") delete state.vapps[v.id];
    else Object.assign(v, AFTER[task.effect]);
  }

  function plant(over: Partial<SimVApp> & { name: string }): SimVApp {
    const v: SimVApp = {
      id: `vapp-${randomUUID()}`, cpus: 1, memoryMb: 1024, diskMb: 10240, computerName: over.name, description: "", vdcId, status: 4, deployed: true, owner: "other",
      osType: "otherLinux64Guest", hardwareVersion: "vmx-19", network: "vdc-net", ip: `198.51.100.${nextIp++}`, passwordHash: hash(randomBytes(8).toString("hex")), ...over,
    };
    state.vapps[v.id] = v;
    return v;
  }

  function compose(req: IncomingMessage, body: string, id: string): SimReply {
    if (id !== vdcId) return forbidden();
    if (!String(req.headers["content-type"]).startsWith("application/vnd.vmware.vcloud.composeVAppParams+xml")) {
      return vcdError(415, "UNSUPPORTED_MEDIA_TYPE", "Expected composeVAppParams+xml");
    }
    // The request XML is validated against the schema; a violation is a 400 with the cvc-… message (protocols §4).
    const violation = schemaViolation(body);
    if (violation) return vcdError(400, "BAD_REQUEST", `Bad request\n  - ${violation}`);
    const asked = readCompose(body, state.networks);
    if (!asked.name || !(asked.cpus > 0) || !(asked.memoryMb > 0) || !(asked.diskMb > 0)) {
      return vcdError(400, "BAD_REQUEST", "A name and positive NumCpus, MemoryResourceMb and disk SizeMb are required");
    }
    if (sim.faults.exists) {
      sim.faults.exists = false;
      plant({ name: asked.name, description: "made by another tenant" });
    }
    // vApp names are unique in a vDC (protocols §4).
    if (Object.values(state.vapps).some((v) => v.name === asked.name && v.vdcId === id)) return vcdError(400, "DUPLICATE_NAME", `The VCD entity ${asked.name} already exists.`);
    const { adminPassword, ...rest } = asked;
    const vapp: SimVApp = {
      ...rest, id: `vapp-${randomUUID()}`, vdcId, status: 0, deployed: false, owner: "api", passwordHash: hash(adminPassword),
      // Without a NIC on an org network the VM gets no IP: a lenient VCD still builds it.
      ...(asked.network ? { ip: `198.51.100.${nextIp++}` } : {}),
    };
    const base = baseOf(req);
    if (sim.faults.ignoreCreate) {
      // Accepted, nothing made: the answer's vApp and task never exist.
      sim.faults.ignoreCreate = false;
      return xml(201, vappView(base, vapp, [{ id: randomUUID(), operationName: "vdcComposeVapp", vAppId: vapp.id, effect: "composed", polls: 0, status: "running", startedAt: Date.now() }], state.variant));
    }
    state.vapps[vapp.id] = vapp;
    state.composed.push({ name: asked.name, cpus: asked.cpus, memoryMb: asked.memoryMb, diskMb: asked.diskMb, computerName: asked.computerName });
    // composeVApp answers with the VApp (not a Task), its compose task embedded (protocols §4).
    startTask(base, vapp, "vdcComposeVapp", "composed");
    // The lost-answer fault: the vApp is composed, the connection drops before the answer.
    const drop = sim.faults.loseAnswer;
    sim.faults.loseAnswer = false;
    return { ...xml(201, vappXml(base, vapp)), drop };
  }

  function vappAction(req: IncomingMessage, method: string, action: string, vapp: SimVApp, url: URL): SimReply {
    const base = baseOf(req);
    if (action === "GET ") return xml(200, vappXml(base, vapp));
    // A vApp with a task still running refuses another operation (protocols §4: retry later).
    if (running(vapp).length) return vcdError(400, "BUSY_ENTITY", `The entity vApp ${vapp.name} is busy completing an operation.`);
    if (sim.faults.ambiguous) return xml(200, `<Entity ${NS} name="${esc(vapp.name)}" href="${base}/api/vApp/${vapp.id}"/>`);
    if (action === "POST /power/action/powerOn") {
      // powerOn is valid only when the vApp is off (protocols §4).
      if (vapp.status === 4) return vcdError(400, "BAD_REQUEST", `The requested operation could not be executed since vApp "${vapp.name}" is powered on.`);
      return accepted(base, startTask(base, vapp, "vappDeploy", "poweredOn"));
    }
    if (action === "POST /power/action/powerOff" || action === "POST /action/undeploy") {
      // Power-off or undeploy of a vApp that is not running: 400 "… is not running." (protocols §4).
      if (vapp.status !== 4 && (action.endsWith("powerOff") || !vapp.deployed)) return vcdError(400, "BAD_REQUEST", `The requested operation could not be executed since vApp "${vapp.name}" is not running.`);
      return accepted(base, action.endsWith("powerOff") ? startTask(base, vapp, "vappPowerOff", "poweredOff") : startTask(base, vapp, "vappUndeployPowerOff", "undeployed"));
    }
    if (action === "DELETE ") {
      // Deleting a deployed vApp is refused, force or not (protocols §4).
      if (vapp.deployed) return vcdError(400, "BAD_REQUEST", `The requested operation on vApp "${vapp.name}" is not supported in the current state. Stop the vApp and try again.`);
      if (url.searchParams.get("force") !== "true") return vcdError(400, "BAD_REQUEST", "force=true is needed to delete a vApp with its VMs");
      return accepted(base, startTask(base, vapp, "vdcDeleteVapp", "deleted"));
    }
    return vcdError(405, "METHOD_NOT_ALLOWED", `No route ${method} ${url.pathname}`);
  }

  function legacy(req: IncomingMessage, body: string, url: URL): SimReply {
    const base = baseOf(req);
    const method = req.method ?? "GET";
    const path = url.pathname;
    let m = path.match(/^\/api\/vdc\/([^/]+)(\/action\/composeVApp)?$/);
    if (m && method === "POST" && m[2]) return sim.faults.ambiguous ? xml(200, `<Entity ${NS} name="pending"/>`) : compose(req, body, decodeURIComponent(m[1]!));
    if (m && method === "GET" && !m[2]) {
      if (decodeURIComponent(m[1]!) !== vdcId) return forbidden();
      const nets = [...state.networks].map(([name, href]) => `<Network type="application/vnd.vmware.vcloud.network+xml" name="${esc(name)}" href="${base}${href}"/>`).join("");
      return xml(200, `<Vdc ${NS} name="vdc" id="urn:vcloud:vdc:${vdcId}" href="${base}/api/vdc/${vdcId}"><AvailableNetworks>${nets}</AvailableNetworks></Vdc>`);
    }
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
      if (!task) return forbidden();
      advance(task);
      return xml(200, taskXml(base, task));
    }
    m = path.match(/^\/api\/vApp\/([^/]+)(\/.*)?$/);
    if (!m) return vcdError(404, "RESOURCE_NOT_FOUND", `No route ${method} ${path}`);
    const vapp = state.vapps[decodeURIComponent(m[1]!)];
    if (!vapp) return forbidden();
    return vappAction(req, method, `${method} ${m[2] ?? ""}`, vapp, url);
  }

  function cloudapi(req: IncomingMessage, url: URL, version: string | undefined): SimReply {
    const json = { "content-type": `application/json;version=${version ?? "38.1"}` };
    // Login: Basic user@org, the token in X-VMWARE-VCLOUD-ACCESS-TOKEN (protocols §4).
    if (url.pathname === "/cloudapi/1.0.0/sessions" && req.method === "POST") {
      const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? "")?.[1];
      if (!basic || Buffer.from(basic, "base64").toString("utf8") !== login) {
        return { status: 401, headers: json, body: JSON.stringify({ minorErrorCode: "UNAUTHORIZED", message: "Invalid credentials" }) };
      }
      const token = randomBytes(24).toString("base64url");
      sessions.set(token, Date.now() + state.sessionLifetimeMs);
      state.logins += 1;
      return { status: 200, headers: { ...json, [state.variant ? "x-vcloud-authorization" : "x-vmware-vcloud-access-token"]: token }, body: JSON.stringify({ id: `urn:vcloud:session:${randomUUID()}`, user: { name: options.username ?? "admin" }, org: { name: options.org ?? "provider" } }) };
    }
    // Log out (protocols §4): the session is closed at once.
    if (url.pathname === "/cloudapi/1.0.0/sessions/current" && req.method === "DELETE") {
      sessions.delete(/^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? "");
      return { status: 204, headers: json, body: "" };
    }
    return { status: 404, headers: json, body: JSON.stringify({ minorErrorCode: "NOT_FOUND", message: `No route ${url.pathname}` }) };
  }

  const sim = await startSimulator({
    port: options.port,
    host: options.host,
    async handle(req, body, url) {
      const reply = answer(req, body, url);
      return state.variant && reply.headers?.["content-type"]?.includes("xml") ? { ...reply, body: prefixed(reply.body) } : reply;
    },
    panelError: () => vcdError(500, "INTERNAL_SERVER_ERROR", "Internal server error, try again later"),
    inspect: () => ({ vapps: Object.values(state.vapps).map(({ passwordHash: _hidden, ...v }) => v), tasks: state.tasks, composed: state.composed, calls: state.calls }),
    reset() {
      Object.assign(state, fresh());
      sessions.clear();
    },
  });

  function answer(req: IncomingMessage, body: string, url: URL): SimReply {
    state.calls.push({ method: req.method ?? "GET", path: url.pathname, query: Object.fromEntries(url.searchParams) });
    settleDue();
    if (state.unavailableNext > 0) {
      state.unavailableNext -= 1;
      return { status: 503, headers: { "content-type": "text/plain" }, body: "Service Unavailable" };
    }
    if (url.pathname === "/api/versions" && req.method === "GET") {
      const infos = state.versions.map((v) => `<VersionInfo deprecated="${v.deprecated}"><Version>${v.version}</Version><LoginUrl>${baseOf(req)}/api/sessions</LoginUrl></VersionInfo>`).join("");
      return xml(200, `<SupportedVersions xmlns="http://www.vmware.com/vcloud/versions">${infos}</SupportedVersions>`);
    }
    // A version VCD does not speak answers 406 NOT_ACCEPTABLE listing the ones it does (protocols §4).
    const version = /version=([\d.]+)/.exec(req.headers.accept ?? "")?.[1];
    if (!version || !state.versions.some((v) => v.version === version)) {
      return vcdError(406, "NOT_ACCEPTABLE", `The request has invalid accept header: invalid API version ${version ?? "none"}. Supported versions: ${state.versions.map((v) => v.version).join(", ")}`);
    }
    if (url.pathname.startsWith("/cloudapi/")) return cloudapi(req, url, version);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1] ?? String(req.headers["x-vcloud-authorization"] ?? "");
    // An expired or unknown session answers 401: log in again.
    if (!((sessions.get(bearer) ?? 0) > Date.now())) return vcdError(401, "UNAUTHORIZED", "Not authorized");
    if (!url.pathname.startsWith("/api/")) return vcdError(404, "RESOURCE_NOT_FOUND", `No route ${url.pathname}`);
    return legacy(req, body, url);
  }

  return {
    ...sim,
    state,
    vdcId,
    openSessions: () => [...sessions.values()].filter((expires) => expires > Date.now()).length,
    expireSessions: () => {
      for (const token of sessions.keys()) sessions.set(token, 0);
    },
    plantVApp: plant,
  };
}
