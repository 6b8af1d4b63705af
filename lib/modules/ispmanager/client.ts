import { ModuleError, type AttemptLog } from "../contract";
import { parseJson, request } from "../http";

export type IspConnection = { url: string; username: string; password: string; timeoutMs?: number };
export type IspNode = Record<string, unknown>;
type Params = Record<string, string | number | undefined>;

/** The API endpoint: the panel base URL, or a URL that already ends in /ispmgr. */
export function endpoint(base: string): string {
  const url = new URL(base);
  if (!url.pathname.endsWith("/ispmgr")) url.pathname = `${url.pathname.replace(/\/+$/, "")}/ispmgr`;
  url.search = "";
  return url.toString();
}

/** The text of a node in the JSON mapping: {"$": "value"}. */
export function textOf(node: unknown): string | undefined {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && "$" in node) return String((node as { $: unknown }).$);
  return undefined;
}

/** The elements of a list answer: doc.elem is an array, a single object, or missing. */
export function elemsOf(doc: IspNode): IspNode[] {
  const elem = doc.elem;
  if (Array.isArray(elem)) return elem as IspNode[];
  return elem && typeof elem === "object" ? [elem as IspNode] : [];
}

/** The error table of docs/modules/ispmanager.md: (type, object) pairs of protocols.md §1. */
function toModuleError(error: IspNode, func: string): ModuleError {
  const type = String(error.$type ?? "");
  const object = String(error.$object ?? "");
  const message = `ISPmanager ${func}: ${textOf(error.msg) ?? "no message"} (${type}${object ? `/${object}` : ""})`;
  if (type === "auth") return new ModuleError("auth", message, false);
  if (type === "missed" && object === "preset") return new ModuleError("unknown_template", message, false);
  if (type === "exists" && object === "user") return new ModuleError("exists", message, false);
  if ((type === "missed" && object === "users") || (type === "value" && object === "elid")) {
    return new ModuleError("not_found", message, false);
  }
  if (type === "value" && object === "name") return new ModuleError("invalid_name", message, false);
  if (object === "passwd") return new ModuleError("invalid_password", message, false);
  return new ModuleError(`panel_${type || "error"}`, message, true);
}

async function send(conn: IspConnection, log: AttemptLog, func: string, form: Params): Promise<IspNode> {
  log.secret(conn.password);
  // POST keeps credentials and passwords out of the panel's access log.
  const res = await request(log, { method: "POST", url: endpoint(conn.url), form: { func, out: "json", ...form }, timeoutMs: conn.timeoutMs });
  const body = parseJson<{ doc?: IspNode }>(res.text, log);
  const doc = body && typeof body === "object" ? body.doc : undefined;
  if (!doc || typeof doc !== "object") throw new ModuleError("bad_response", `ISPmanager ${func}: no doc in the answer`, true);
  if (doc.error && typeof doc.error === "object") throw toModuleError(doc.error as IspNode, func);
  return doc;
}

const credentials = (conn: IspConnection, session?: string) =>
  session ? { auth: session } : { authinfo: `${conn.username}:${conn.password}` };

/** One reading call with out=json (a list, or a form without sok). Credentials go as authinfo, or a session id. */
export function call(conn: IspConnection, log: AttemptLog, func: string, params: Params = {}, session?: string): Promise<IspNode> {
  return send(conn, log, func, { ...params, ...credentials(conn, session) });
}

/**
 * One call meant to change something: always with sok=ok (a form function without it only answers
 * its form, §1), and done only on a positive doc.ok. An answer with neither ok nor error changed nothing.
 */
export async function change(conn: IspConnection, log: AttemptLog, func: string, params: Params = {}): Promise<IspNode> {
  const doc = await send(conn, log, func, { ...params, sok: "ok", ...credentials(conn) });
  if (!("ok" in doc)) {
    log.line(`${func} answered neither ok nor error: nothing was changed`);
    throw new ModuleError("bad_response", `ISPmanager ${func}: the answer is neither ok nor an error, so the change did not happen`, true);
  }
  return doc;
}

/** func=auth: a session id for later calls (valid 1 h idle on the panel). */
export async function login(conn: IspConnection, log: AttemptLog): Promise<string> {
  const doc = await send(conn, log, "auth", { username: conn.username, password: conn.password });
  const auth = doc.auth as IspNode | undefined;
  const id = auth ? String(auth.$id ?? textOf(auth) ?? "") : "";
  if (!id) throw new ModuleError("bad_response", "ISPmanager auth: no session id in the answer", true);
  log.secret(id);
  return id;
}

export type IspUserForm = { name: string; fullname: string; comment: string; preset: string; active: boolean };

/** user.edit without sok: the user's form, or null when the panel does not know the name. */
export async function findUser(conn: IspConnection, log: AttemptLog, name: string): Promise<IspUserForm | null> {
  let doc: IspNode;
  try {
    doc = await call(conn, log, "user.edit", { elid: name });
  } catch (error) {
    if (error instanceof ModuleError && error.code === "not_found") return null;
    throw error;
  }
  const found = textOf(doc.elid) ?? textOf(doc.name);
  // §1: an existing user's form carries its elid; a form without one is not an answer about this user.
  if (found !== name) throw new ModuleError("bad_response", `ISPmanager user.edit: the form of '${name}' names '${found ?? ""}'`, true);
  return {
    name,
    fullname: textOf(doc.fullname) ?? "",
    comment: textOf(doc.comment) ?? "",
    preset: textOf(doc.preset) ?? "",
    // (unconf.) active=on|off tells a suspended user; see docs/modules/README.md.
    active: textOf(doc.active) !== "off",
  };
}
