import { ModuleError, type AttemptLog } from "../contract";
import { parseJson, request } from "../http";

export type CpanelConnection = { url: string; username?: string; apiToken: string; timeoutMs?: number };
export type WhmData = Record<string, unknown>;
type Params = Record<string, string | number | undefined>;

type Envelope = { data?: WhmData; metadata?: { command?: string; reason?: string; result?: number | string } };

/** https://host:2087/json-api/<fn>: the path of the configured URL is ignored. */
export function endpoint(base: string, fn: string): string {
  const url = new URL(base);
  return `${url.origin}/json-api/${fn}`;
}

/** What a cPanel user logs in to: the same host on 2083 when WHM listens on 2087. */
export function userPanelUrl(base: string): string {
  const url = new URL(base);
  if (url.port === "2087") url.port = "2083";
  return url.origin;
}

/** WHM API 1 has no error codes, only a reason text; these patterns are what the panel is known to say. */
function toModuleError(reason: string, fn: string): ModuleError {
  const message = `WHM ${fn}: ${reason}`;
  if (/group for that username already exists|username .* is taken|account .* already exists|already exists/i.test(reason)) {
    return new ModuleError("exists", message, false);
  }
  if (/package|plan/i.test(reason) && /unable to find|not found|does not exist|doesn't exist|invalid/i.test(reason)) {
    return new ModuleError("unknown_template", message, false);
  }
  if (/domain .*(taken|already|exists|owned)/i.test(reason)) return new ModuleError("domain_taken", message, false);
  if (/does not exist|doesn't exist|no such|not found|unknown user/i.test(reason)) return new ModuleError("not_found", message, false);
  if (/access denied|permission|privilege|not authorized/i.test(reason)) return new ModuleError("auth", message, false);
  if (/invalid|not a valid|reserved|may not|cannot start|too long|too weak/i.test(reason)) return new ModuleError("invalid", message, false);
  return new ModuleError("panel_error", message, true);
}

/**
 * One WHM API 1 call; returns `data`. The token travels in the Authorization header, which the
 * attempt log never shows. POST is for createacct, so the password stays out of the panel's access log.
 */
export async function whm(conn: CpanelConnection, log: AttemptLog, fn: string, params: Params = {}, method: "GET" | "POST" = "GET"): Promise<WhmData> {
  log.secret(conn.apiToken);
  const res = await request(log, {
    method,
    url: endpoint(conn.url, fn),
    ...(method === "GET" ? { query: { "api.version": 1, ...params } } : { query: { "api.version": 1 }, form: params }),
    headers: { authorization: `whm ${conn.username || "root"}:${conn.apiToken}` },
    timeoutMs: conn.timeoutMs,
  });
  const body = parseJson<Envelope>(res.text, log);
  const meta = body && typeof body === "object" ? body.metadata : undefined;
  if (!meta || typeof meta !== "object") throw new ModuleError("bad_response", `WHM ${fn}: no metadata in the answer`, true);
  if (Number(meta.result) !== 1) throw toModuleError(String(meta.reason ?? "failed without a reason"), fn);
  return body.data && typeof body.data === "object" ? body.data : {};
}

export type WhmAccount = { user: string; domain: string; ip: string; plan: string; email: string };

const listOf = (value: unknown): WhmData[] => (Array.isArray(value) ? (value as WhmData[]) : []);
const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));

/** listaccts by exact user name: the account, or null. (unconf.) the field list of data.acct[]. */
export async function findAccount(conn: CpanelConnection, log: AttemptLog, user: string): Promise<WhmAccount | null> {
  const data = await whm(conn, log, "listaccts", { search: user, searchtype: "user", searchmethod: "exact" });
  const acct = listOf(data.acct).find((a) => str(a.user) === user);
  if (!acct) return null;
  return {
    user,
    domain: str(acct.domain),
    ip: str(acct.ip),
    plan: str(acct.plan),
    email: str(acct.email),
  };
}

/** listsuspended: the user names of suspended accounts. */
export async function suspendedUsers(conn: CpanelConnection, log: AttemptLog): Promise<Set<string>> {
  const data = await whm(conn, log, "listsuspended");
  return new Set(listOf(data.account).map((a) => str(a.user)));
}

export async function listPackages(conn: CpanelConnection, log: AttemptLog): Promise<string[]> {
  const data = await whm(conn, log, "listpkgs", { want: "creatable" });
  return listOf(data.pkg)
    .map((p) => str(p.name))
    .filter(Boolean);
}
