import { ModuleError, type AttemptLog } from "../contract";
import { parseJson, request } from "../http";

export type VmConnection = {
  url: string;
  email: string;
  password: string;
  cluster: number;
  os: number;
  ipPool?: number;
  account?: number;
  timeoutMs?: number;
};

export type VmHost = {
  id: number;
  name: string;
  state: string;
  comment?: string;
  domain?: string;
  ip4?: { ip: string }[];
  os?: { id: number; name: string };
  preset?: { id: number; name: string };
};

export type VmTask = { id: number; consul_id: number; name: string; status: string };
export type Named = { id: number; name: string };

/** (unconf.) error codes besides 3001: the simulator answers these, the client maps them. */
export const VM_ERRORS = {
  unauthorized: 3001,
  notFound: 3004,
  nameExists: 5012,
  unknownPreset: 5020,
  unknownOs: 5021,
} as const;

type VmError = { code?: number; msg?: string };

function toModuleError(error: VmError, status: number, what: string): ModuleError {
  const message = `VMmanager ${what}: ${error.msg ?? `error ${error.code ?? status}`}`;
  switch (error.code) {
    case VM_ERRORS.unauthorized:
      return new ModuleError("auth", message, false);
    case VM_ERRORS.notFound:
      return new ModuleError("not_found", message, false);
    case VM_ERRORS.nameExists:
      return new ModuleError("exists", message, false);
    case VM_ERRORS.unknownPreset:
    case VM_ERRORS.unknownOs:
      return new ModuleError("unknown_template", message, false);
  }
  if (status === 404) return new ModuleError("not_found", message, false);
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
  const body = res.text ? parseJson<{ error?: VmError } & T>(res.text, log) : ({} as T);
  const error = body && typeof body === "object" ? (body as { error?: VmError }).error : undefined;
  if (error && typeof error === "object") throw toModuleError(error, res.status, `${call.method} ${call.path}`);
  if (res.status >= 400) throw toModuleError({}, res.status, `${call.method} ${call.path}`);
  if (!body || typeof body !== "object") throw new ModuleError("bad_response", `VMmanager ${call.path}: not an object`, true);
  return body;
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

/** POST /auth/v4/public/token, then every call carries x-xsrf-token. */
export async function connect(conn: VmConnection, log: AttemptLog): Promise<VmSession> {
  log.secret(conn.password);
  log.secret(JSON.stringify(conn.password).slice(1, -1));
  const auth = await exchange<{ token?: string }>(conn, log, {
    method: "POST",
    path: "/auth/v4/public/token",
    json: { email: conn.email, password: conn.password },
  });
  if (typeof auth.token !== "string" || !auth.token) throw new ModuleError("bad_response", "VMmanager token: no token in the answer", true);
  const token = auth.token;
  log.secret(token);
  return {
    get: (path, query) => exchange(conn, log, { method: "GET", path, query }, token),
    post: (path, json) => exchange(conn, log, { method: "POST", path, json: json ?? {} }, token),
    del: (path) => exchange(conn, log, { method: "DELETE", path }, token),
  };
}

const listOf = <T>(body: { list?: unknown }): T[] => (Array.isArray(body.list) ? (body.list as T[]) : []);

export async function findHost(s: VmSession, by: { id: number } | { name: string }): Promise<VmHost | null> {
  const body = await s.get<{ list?: unknown }>("/vm/v3/host", { where: where(by) });
  return listOf<VmHost>(body)[0] ?? null;
}

export async function findTask(s: VmSession, task: number, name: string): Promise<VmTask | null> {
  const body = await s.get<{ list?: unknown }>("/vm/v3/task", { where: where({ consul_id: task, name }) });
  return listOf<VmTask>(body)[0] ?? null;
}

export async function listOs(s: VmSession): Promise<Named[]> {
  return listOf<Named>(await s.get("/vm/v3/os"));
}

// (unconf.) /vm/v3/preset answers {list:[{id,name,…}]} like /vm/v3/os.
export async function listPresets(s: VmSession): Promise<Named[]> {
  return listOf<Named>(await s.get("/vm/v3/preset"));
}

/** An id given as a number, or the id of the entry of that name (case-insensitive). */
export function resolveId(value: string, list: Named[]): Named | undefined {
  const wanted = value.trim().toLowerCase();
  return list.find((item) => String(item.id) === wanted || item.name.toLowerCase() === wanted);
}
