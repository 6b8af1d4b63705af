import { ModuleError, type AttemptLog } from "../contract";
import { request, type HttpResponse } from "../http";
import { element, elements, idOf, textOf } from "./xml";

export type VcdConnection = { url: string; org: string; username: string; password: string; vdcId: string; timeoutMs?: number };

export const API_VERSION = "36.3";
const XML_ACCEPT = `application/*+xml;version=${API_VERSION}`;

export type VcdTask = { id: string; status: string; operationName: string; message?: string };
export type VcdVApp = {
  id: string;
  name: string;
  status: number;
  deployed: boolean;
  description: string;
  /** Tasks still running on the vApp, as the vApp answer embeds them. */
  tasks: VcdTask[];
  ip?: string;
  hostname?: string;
};

/** vApp status codes of the legacy API. */
export const VAPP = { failedCreation: -1, unresolved: 0, resolved: 1, suspended: 3, poweredOn: 4, poweredOff: 8 } as const;
export const TASK_RUNNING = new Set(["queued", "preRunning", "running"]);

const base = (conn: VcdConnection) => conn.url.replace(/\/+$/, "");

function toModuleError(res: HttpResponse, what: string): ModuleError {
  const error = element(res.text, "Error")?.attrs ?? {};
  const minor = error.minorErrorCode ?? "";
  const message = `vCloud ${what}: ${error.message ?? `HTTP ${res.status}`}`;
  if (minor === "DUPLICATE_NAME") return new ModuleError("exists", message, false);
  if (res.status === 404 || minor === "RESOURCE_NOT_FOUND") return new ModuleError("not_found", message, false);
  // A 400 says the request itself is wrong: sending it again gives the same answer.
  if (res.status === 400) return new ModuleError(`vcd_${minor || "bad_request"}`.toLowerCase(), message, false);
  return new ModuleError(`vcd_${minor || res.status}`.toLowerCase(), message, true);
}

/** request() of ../http carries forms and JSON only; the legacy API wants XML bodies. */
export type VcdSession = {
  call(method: "GET" | "POST" | "DELETE", path: string, opts?: { query?: Record<string, string>; xml?: string; type?: string }): Promise<HttpResponse>;
};

/** POST /cloudapi/1.0.0/sessions with Basic user@org; later calls carry the bearer token. */
export async function login(conn: VcdConnection, log: AttemptLog): Promise<VcdSession> {
  const basic = Buffer.from(`${conn.username}@${conn.org}:${conn.password}`).toString("base64");
  log.secret(conn.password);
  log.secret(basic);
  const res = await request(log, {
    method: "POST",
    url: `${base(conn)}/cloudapi/1.0.0/sessions`,
    headers: { authorization: `Basic ${basic}`, accept: `application/json;version=${API_VERSION}` },
    timeoutMs: conn.timeoutMs,
  });
  const token = res.headers.get("x-vmware-vcloud-access-token");
  if (res.status >= 400) throw toModuleError(res, "login");
  if (!token) throw new ModuleError("bad_response", "vCloud login: no X-VMWARE-VCLOUD-ACCESS-TOKEN in the answer", true);
  log.secret(token);
  const headers = { authorization: `Bearer ${token}`, accept: XML_ACCEPT };
  return {
    async call(method, path, opts = {}) {
      const url = `${base(conn)}${path}`;
      const res = opts.xml
        ? await request(log, { method, url, raw: opts.xml, headers: { ...headers, "content-type": opts.type ?? "application/xml" }, timeoutMs: conn.timeoutMs })
        : await request(log, { method, url, query: opts.query, headers, timeoutMs: conn.timeoutMs });
      if (res.status >= 400) throw toModuleError(res, `${method} ${path}`);
      if (res.text && !res.text.trimStart().startsWith("<")) throw new ModuleError("bad_response", `vCloud ${path}: the answer is not XML`, true);
      return res;
    },
  };
}

function taskOf(attrs: Record<string, string>, inner = ""): VcdTask {
  const error = element(inner, "Error")?.attrs.message;
  return { id: idOf(attrs.href), status: attrs.status ?? "", operationName: attrs.operationName ?? "", ...(error ? { message: error } : {}) };
}

export function parseVApp(xml: string): VcdVApp {
  const root = element(xml, "VApp");
  if (!root?.attrs.href) throw new ModuleError("bad_response", "vCloud: the answer has no VApp", true);
  const ip = textOf(root.inner, "IpAddress");
  const hostname = textOf(root.inner, "ComputerName");
  return {
    id: idOf(root.attrs.href),
    name: root.attrs.name ?? "",
    status: Number(root.attrs.status ?? VAPP.unresolved),
    deployed: root.attrs.deployed === "true",
    description: textOf(root.inner, "Description") ?? "",
    tasks: elements(element(root.inner, "Tasks")?.inner ?? "", "Task").map((t) => taskOf(t.attrs, t.inner)),
    ...(ip ? { ip } : {}),
    ...(hostname ? { hostname } : {}),
  };
}

/** The task an action answered with: the Location header, else the <Task> in the body. */
export function startedTask(res: HttpResponse): string {
  const id = idOf(res.headers.get("location") ?? element(res.text, "Task")?.attrs.href);
  if (!id) throw new ModuleError("bad_response", "vCloud: no task in the answer", true);
  return id;
}

export async function getTask(s: VcdSession, id: string): Promise<VcdTask> {
  const res = await s.call("GET", `/api/task/${id}`);
  const task = element(res.text, "Task");
  if (!task) throw new ModuleError("bad_response", `vCloud task ${id}: no Task in the answer`, true);
  return taskOf(task.attrs, task.inner);
}

export async function getVApp(s: VcdSession, id: string): Promise<VcdVApp | null> {
  try {
    return parseVApp((await s.call("GET", `/api/vApp/${id}`)).text);
  } catch (error) {
    if (error instanceof ModuleError && error.code === "not_found") return null;
    throw error;
  }
}

// (unconf.) the query service with a FIQL name filter; records carry href and the vDC's href.
export async function findVApp(s: VcdSession, conn: VcdConnection, name: string): Promise<VcdVApp | null> {
  const res = await s.call("GET", "/api/query", { query: { type: "vApp", format: "records", filter: `(name==${name})` } });
  const record = elements(res.text, "VAppRecord").find((r) => r.attrs.name === name && (!r.attrs.vdc || idOf(r.attrs.vdc) === conn.vdcId));
  return record ? getVApp(s, idOf(record.attrs.href)) : null;
}
