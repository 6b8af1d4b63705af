import { ModuleError, type AttemptLog } from "../contract";
import { parseJson, request } from "../http";
import { remembered } from "../../remembered";

export type IspConnection = { url: string; username: string; password: string; timeoutMs?: number };
export type IspNode = Record<string, unknown>;
type Params = Record<string, string | number | undefined>;

/** The API endpoint: the panel base URL, or a URL that already ends in /ispmgr (worked out once per base). */
export const endpoint = remembered(64, (base) => {
  const url = new URL(base);
  if (!url.pathname.endsWith("/ispmgr")) url.pathname = `${url.pathname.replace(/\/+$/, "")}/ispmgr`;
  url.search = "";
  return url.toString();
});

/**
 * The text of a node in the JSON mapping: {"$": "value"}. Tolerant of the variants a panel or a
 * proxy may give: a plain string, a number or boolean, or a one-element array.
 */
export function textOf(node: unknown): string | undefined {
  if (typeof node === "string") return node;
  if (typeof node === "number" || typeof node === "boolean") return String(node);
  if (Array.isArray(node)) return node.length ? textOf(node[0]) : undefined;
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

const OFF = new Set(["off", "0", "false", "no"]);
const ON = new Set(["on", "1", "true", "yes"]);

/**
 * Whether a user row or form says the user is enabled: `active` on/off in the user list (joonte/jbs
 * IspManager5.php reads `active` on the rows of func=user), or a `disabled` flag (ISPmanager 4, CPAN
 * API::ISPManager). Undefined when the node says neither.
 */
export function activeOf(node: IspNode): boolean | undefined {
  const active = textOf(node.active)?.trim().toLowerCase();
  if (active !== undefined && OFF.has(active)) return false;
  if (active !== undefined && ON.has(active)) return true;
  if ("disabled" in node) return OFF.has(textOf(node.disabled)?.trim().toLowerCase() ?? "on");
  return undefined;
}

/** func=user: the row of this user name, or null (the list is the positive answer to "is it there"). */
export async function userRow(conn: IspConnection, log: AttemptLog, name: string): Promise<IspNode | null> {
  const doc = await call(conn, log, "user");
  return elemsOf(doc).find((elem) => textOf(elem.name) === name || textOf(elem.id) === name) ?? null;
}

/**
 * The user by name, or null when the panel has none. The form (user.edit with elid, no sok) gives the
 * full name, comment and template; the list row (func=user) gives whether the user is enabled and
 * settles presence. (unconf.) what user.edit answers for a missing user: an error (value/elid) or a
 * blank form; both are read as "no user" only when the list agrees.
 */
export async function findUser(conn: IspConnection, log: AttemptLog, name: string): Promise<IspUserForm | null> {
  // The form and the list row are independent reads: asked together, they cost one round trip.
  const [form, row] = await Promise.all([userForm(conn, log, name), userRow(conn, log, name)]);
  const source = form ?? row;
  if (!source) return null;
  return {
    name,
    fullname: textOf(source.fullname) ?? textOf(row?.fullname) ?? "",
    comment: textOf(source.comment) ?? textOf(row?.comment) ?? "",
    preset: textOf(source.preset) ?? textOf(row?.preset) ?? "",
    active: (row ? activeOf(row) : undefined) ?? activeOf(source) ?? true,
  };
}

/** The user.edit form of this user name, or null when the panel answers not found or a form that names nobody. */
async function userForm(conn: IspConnection, log: AttemptLog, name: string): Promise<IspNode | null> {
  let form: IspNode;
  try {
    form = await call(conn, log, "user.edit", { elid: name });
  } catch (error) {
    if (!(error instanceof ModuleError) || error.code !== "not_found") throw error;
    return null;
  }
  const named = textOf(form.elid) ?? textOf(form.name);
  if (named && named !== name) throw new ModuleError("bad_response", `ISPmanager user.edit: the form of '${name}' names '${named}'`, true);
  return named === name ? form : null;
}

/**
 * The read-back after our own create answered ok: the form alone proves the user is there, with its
 * full name and template (the list of every user is not fetched on each open). A form that names
 * nobody falls back to the list, which settles presence.
 */
export async function readBackUser(conn: IspConnection, log: AttemptLog, name: string): Promise<IspUserForm | null> {
  const form = await userForm(conn, log, name);
  if (!form) return findUser(conn, log, name);
  return { name, fullname: textOf(form.fullname) ?? "", comment: textOf(form.comment) ?? "", preset: textOf(form.preset) ?? "", active: activeOf(form) ?? true };
}
