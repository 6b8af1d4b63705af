import { createHash } from "node:crypto";
import { ModuleError, type AttemptLog } from "../contract";
import { parseJson, request } from "../http";

export type VmConnection = {
  url: string;
  email: string;
  password: string;
  cluster: number;
  os: number;
  ipPool?: number;
  timeoutMs?: number;
};

/**
 * A VM as `/vm/v3/host` lists it. The main disk is `disk: {id, disk_mib}` (ISPsystem's WHMCS module
 * reads both for a tariff change; gadost/go-vmmanager-api HostDisk): there is no `hdd_mib` on the
 * record, that name is only a create parameter. `os_name` is shown beside or instead of `os`.
 */
export type VmHost = {
  id: number;
  name: string;
  state: string;
  comment?: string | null;
  domain?: string | null;
  ip4?: { ip: string }[];
  os?: { id: number; name?: string } | null;
  os_name?: string;
  cpu_number?: number;
  ram_mib?: number;
  disk?: { id?: number | string; disk_mib?: number | string } | null;
  account?: { id: number } | null;
};

/** A number the panel may send as a number or a numeric string; undefined otherwise. */
export function int(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/** The VM's sizes as the module compares them: cpu and ram from the record, the disk from its main disk. */
export function sizesShown(host: VmHost): { cpu_number?: number; ram_mib?: number; hdd_mib?: number } {
  return { cpu_number: int(host.cpu_number), ram_mib: int(host.ram_mib), hdd_mib: int(host.disk?.disk_mib) };
}

/**
 * A task record. A failed task's reason is in `output` (the task service's internal_edit takes
 * {status, output}: gadost/go-vmmanager-api TaskInternalUpdate); it may be text or JSON.
 */
export type VmTask = { id: number; consul_id: number | string; name: string; status: string; output?: unknown; defer_reason?: string };
export type Named = { id: number; name: string };

/**
 * Error codes. 3001 (Unauthorized) is documented; the others are unconf. and live here only: the
 * simulator answers them and the client maps them. Every other 4xx is a refusal of the request
 * itself (validation), final with the panel's message.
 */
export const VM_ERRORS = {
  unauthorized: 3001,
  notFound: 3004,
  /** On the token request, 3004 means no account has this email; 3011 a wrong password (both HTTP 400). */
  noSuchUser: 3004,
  wrongPassword: 3011,
  nameExists: 5012,
  unknownPreset: 5020,
  validation: 5021,
} as const;

type VmError = { code?: number; msg?: string; value?: unknown };

function toModuleError(error: VmError, status: number, what: string): ModuleError {
  const message = `VMmanager ${what}: ${error.msg ?? `error ${error.code ?? status}`}`;
  // An expired or revoked token answers 401 (ptisp/node-vmmanager6 logs in again on any 401), with or without a body.
  if (error.code === VM_ERRORS.unauthorized || status === 401) return new ModuleError("auth", message, false);
  if (error.code === VM_ERRORS.notFound || status === 404) return new ModuleError("not_found", message, false);
  if (error.code === VM_ERRORS.nameExists) return new ModuleError("exists", message, false);
  if (error.code === VM_ERRORS.unknownPreset) return new ModuleError("unknown_template", message, false);
  // (unconf.) conflict, locked and rate-limited answers pass; every other 4xx refuses the request itself.
  if (status === 409 || status === 423 || status === 429) return new ModuleError(`panel_${error.code ?? status}`, message, true);
  if (status >= 400) return new ModuleError("rejected", message, false);
  return new ModuleError(`panel_${error.code ?? status}`, message, true);
}

type Call = { method: "GET" | "POST" | "DELETE"; path: string; query?: Record<string, string>; json?: unknown };

async function exchange<T>(conn: VmConnection, log: AttemptLog, call: Call, token?: string): Promise<T> {
  const res = await request(log, {
    method: call.method,
    url: `${conn.url.replace(/\/+$/, "")}${call.path}`,
    query: call.query,
    json: call.json,
    headers: token ? { "x-xsrf-token": token } : {},
    timeoutMs: conn.timeoutMs,
  });
  const body = res.text ? parseJson<unknown>(res.text, log) : {};
  const error = body && typeof body === "object" ? (body as { error?: VmError }).error : undefined;
  if (error && typeof error === "object") throw toModuleError(error, res.status, `${call.method} ${call.path}`);
  if (res.status >= 400) throw toModuleError({}, res.status, `${call.method} ${call.path}`);
  if (!body || typeof body !== "object") throw new ModuleError("bad_response", `VMmanager ${call.path}: the answer is not an object`, true);
  return body as T;
}

/** VMmanager's filter syntax; spaces go on the wire as "+", as the vendor's examples show. */
export function where(conditions: Record<string, string | number>): string {
  const parts = Object.entries(conditions).map(([field, value]) => `(${field} EQ '${value}')`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(" AND ")})`;
}

export type VmSession = {
  get<T>(path: string, query?: Record<string, string>): Promise<T>;
  post<T>(path: string, json?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
};

type Cached = { token: string; expiresAt: number };
/** One token per connection, reused until shortly before it expires (tokens live about 1 h). */
const tokens = new Map<string, Cached>();
const TOKEN_MARGIN_MS = 60_000;
const FALLBACK_LIFETIME_MS = 30 * 60_000;
const cacheKey = (conn: VmConnection) => createHash("sha256").update(`${conn.url}\n${conn.email}\n${conn.password}`).digest("hex");

/**
 * A refused login is a credentials error, whatever its code: a wrong email or password answers
 * HTTP 400 with 3004 or 3011 (read elsewhere as not-found or a refusal), 3001, 401 or 403. It is
 * final: retrying the same credentials cannot help.
 */
function credentialsError(error: unknown): unknown {
  if (!(error instanceof ModuleError) || error.retryable) return error;
  const said = error.message.replace(/^VMmanager POST \/auth\/v4\/public\/token: /, "");
  return new ModuleError("auth", `VMmanager refused the handler's credentials (email and password): ${said}. Check them in the handler's connection settings.`, false);
}

async function logIn(conn: VmConnection, log: AttemptLog): Promise<string> {
  const auth = await exchange<{ token?: unknown; expires_at?: unknown }>(conn, log, {
    method: "POST",
    path: "/auth/v4/public/token",
    json: { email: conn.email, password: conn.password },
  }).catch((error: unknown) => {
    throw credentialsError(error);
  });
  if (typeof auth.token !== "string" || !auth.token) throw new ModuleError("bad_response", "VMmanager token: no token in the answer", true);
  log.secret(auth.token);
  const expires = typeof auth.expires_at === "string" ? Date.parse(auth.expires_at) : NaN;
  tokens.set(cacheKey(conn), { token: auth.token, expiresAt: Number.isFinite(expires) ? expires : Date.now() + FALLBACK_LIFETIME_MS });
  return auth.token;
}

/** A session on the panel: the cached token, or a new one; an expired token (401) logs in again once. */
export async function connect(conn: VmConnection, log: AttemptLog): Promise<VmSession> {
  log.secret(conn.password);
  log.secret(JSON.stringify(conn.password).slice(1, -1));
  const key = cacheKey(conn);
  const cached = tokens.get(key);
  let token = cached && cached.expiresAt - TOKEN_MARGIN_MS > Date.now() ? cached.token : await logIn(conn, log);
  log.secret(token);
  const call = async <T>(c: Call): Promise<T> => {
    try {
      return await exchange<T>(conn, log, c, token);
    } catch (error) {
      if (!(error instanceof ModuleError) || error.code !== "auth") throw error;
      log.line("the token was refused: logging in again once");
      tokens.delete(key);
      token = await logIn(conn, log);
      return exchange<T>(conn, log, c, token);
    }
  };
  return {
    get: (path, query) => call({ method: "GET", path, query }),
    post: (path, json) => call({ method: "POST", path, json: json ?? {} }),
    del: (path) => call({ method: "DELETE", path }),
  };
}

export const listOf = <T>(body: { list?: unknown }): T[] => (Array.isArray(body.list) ? (body.list as T[]) : []);

export async function findHosts(s: VmSession, by: { id: number } | { name: string }): Promise<VmHost[]> {
  return listOf<VmHost>(await s.get<{ list?: unknown }>("/vm/v3/host", { where: where(by) }));
}

export async function findTask(s: VmSession, task: number, name: string): Promise<VmTask | null> {
  const body = await s.get<{ list?: unknown }>("/vm/v3/task", { where: where({ consul_id: task, name }) });
  return listOf<VmTask>(body)[0] ?? null;
}

/** An answer that starts a task: `{id, task}` (numbers, or numeric strings). Anything else is neither success nor an error. */
export function taskOf(answer: { task?: unknown }, what: string): number {
  const task = int(answer.task);
  if (task === undefined) throw new ModuleError("bad_response", `VMmanager ${what}: no task in the answer`, true);
  return task;
}
