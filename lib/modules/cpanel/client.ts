import { ModuleError, type AttemptLog } from "../contract";
import { DEFAULT_TIMEOUT_MS, parseJson, request } from "../http";
import { toModuleError } from "./errors";

export type CpanelConnection = { url: string; username?: string; apiToken: string; timeoutMs?: number };
export type WhmData = Record<string, unknown>;
type Params = Record<string, string | number | undefined>;

type Envelope = { data?: WhmData; metadata?: { command?: string; reason?: string; result?: number | string; version?: number | string } };

/** §2: createacct and removeacct take tens of seconds; public clients give them 90 s. */
export const SLOW_TIMEOUT_MS = 90_000;

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

export type WhmAnswer = { result: 0 | 1; reason: string; data: WhmData };

/**
 * One WHM API 1 call, with the envelope read strictly: result 1 or 0 in metadata of version 1.
 * Anything else (the API 0 shape, no metadata) is a bad response, never success. The token travels
 * in the Authorization header, which the attempt log never shows; POST keeps passwords out of the
 * panel's access log. `slow` calls get at least SLOW_TIMEOUT_MS.
 */
export async function whmAnswer(
  conn: CpanelConnection,
  log: AttemptLog,
  fn: string,
  params: Params = {},
  opts: { method?: "GET" | "POST"; slow?: boolean } = {},
): Promise<WhmAnswer> {
  log.secret(conn.apiToken);
  const method = opts.method ?? "GET";
  const base = conn.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const res = await request(log, {
    method,
    url: endpoint(conn.url, fn),
    ...(method === "GET" ? { query: { "api.version": 1, ...params } } : { query: { "api.version": 1 }, form: params }),
    headers: { authorization: `whm ${conn.username || "root"}:${conn.apiToken}` },
    timeoutMs: opts.slow ? Math.max(base, SLOW_TIMEOUT_MS) : base,
  });
  const body = parseJson<Envelope>(res.text, log);
  const meta = body && typeof body === "object" ? body.metadata : undefined;
  const result = meta && typeof meta === "object" ? Number(meta.result) : NaN;
  if (!meta || Number(meta.version) !== 1 || (result !== 0 && result !== 1)) {
    log.line("answer is not a WHM API 1 envelope");
    throw new ModuleError("bad_response", `WHM ${fn}: the answer is not a WHM API 1 envelope with a result`, true);
  }
  const data = body.data && typeof body.data === "object" ? body.data : {};
  return { result: result as 0 | 1, reason: String(meta.reason ?? ""), data };
}

/** One WHM API 1 call that must succeed (result 1); returns `data`. */
export async function whm(conn: CpanelConnection, log: AttemptLog, fn: string, params: Params = {}, opts: { method?: "GET" | "POST"; slow?: boolean } = {}): Promise<WhmData> {
  const answer = await whmAnswer(conn, log, fn, params, opts);
  if (answer.result !== 1) throw toModuleError(answer.reason || "failed without a reason", fn);
  return answer.data;
}

export type WhmAccount = { user: string; domain: string; ip: string; plan: string; email: string; suspended: boolean; suspendReason: string };

const listOf = (value: unknown): WhmData[] => (Array.isArray(value) ? (value as WhmData[]) : []);
const str = (value: unknown) => (value === undefined || value === null ? "" : String(value));

/** §2: an exact listaccts miss is result 0 "No accounts found." (after an optional "API failure: (XID …) "). */
const NO_ACCOUNTS = /^(API failure: \(XID [^)]*\)\s*)?No accounts found\.?$/i;

/** listaccts by exact user name: the account, or null when WHM has none by that name. */
export async function findAccount(conn: CpanelConnection, log: AttemptLog, user: string): Promise<WhmAccount | null> {
  const answer = await whmAnswer(conn, log, "listaccts", { search: user, searchtype: "user", searchmethod: "exact" });
  if (answer.result === 0) {
    if (NO_ACCOUNTS.test(answer.reason.trim())) return null;
    throw toModuleError(answer.reason || "failed without a reason", "listaccts");
  }
  const acct = listOf(answer.data.acct).find((a) => str(a.user) === user);
  if (!acct) return null;
  return {
    user,
    domain: str(acct.domain).toLowerCase(),
    ip: str(acct.ip),
    plan: str(acct.plan),
    email: str(acct.email),
    // §2: rows carry suspended (0/1) and suspendreason.
    suspended: Number(acct.suspended) === 1,
    suspendReason: str(acct.suspendreason),
  };
}

export async function listPackages(conn: CpanelConnection, log: AttemptLog): Promise<string[]> {
  const data = await whm(conn, log, "listpkgs", { want: "creatable" });
  return listOf(data.pkg)
    .map((p) => str(p.name))
    .filter(Boolean);
}
