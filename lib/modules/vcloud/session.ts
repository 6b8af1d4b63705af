import { createHash } from "node:crypto";
import { ModuleError, type AttemptLog } from "../contract";
import { vcdError } from "./errors";
import { send, type WireResponse } from "./wire";
import { elements, textOf } from "./xml";

export type VcdConnection = {
  url: string;
  org: string;
  username: string;
  password: string;
  vdcId: string;
  /** The org vDC network new VMs connect to; without it, the vDC's only network. */
  network?: string;
  osType?: string;
  hardwareVersion?: string;
  timeoutMs?: number;
};

/** API versions this module speaks: VmSpecSection needs 32.0; newer than 39.0 is untried. */
const MIN_VERSION = 32;
const MAX_VERSION = 39;

type Cached = { version: string; token?: string };
/** Per connection: the negotiated version and the open session, reused instead of a login per call. */
const sessions = new Map<string, Cached>();
const keyOf = (conn: VcdConnection) => createHash("sha256").update([conn.url, conn.org, conn.username, conn.password].join("\n")).digest("hex");
const base = (conn: VcdConnection) => conn.url.replace(/\/+$/, "");

/** Picks the newest version both sides speak from GET /api/versions, preferring ones not deprecated. */
async function negotiate(conn: VcdConnection, log: AttemptLog): Promise<string> {
  const res = await send(log, { method: "GET", url: `${base(conn)}/api/versions`, headers: { accept: "application/*+xml" }, timeoutMs: conn.timeoutMs });
  if (res.status >= 400) throw vcdError(res, "versions");
  const offered = elements(res.text, "VersionInfo").map((v) => ({ version: textOf(v.inner, "Version") ?? "", deprecated: v.attrs.deprecated === "true" }));
  if (!offered.length) throw new ModuleError("bad_response", "vCloud versions: no VersionInfo in the answer", true);
  const ours = offered.filter((v) => Number(v.version) >= MIN_VERSION && Number(v.version) < MAX_VERSION + 1);
  const byNewest = (a: { version: string }, b: { version: string }) => Number(b.version) - Number(a.version);
  const pick = [...ours.filter((v) => !v.deprecated).sort(byNewest), ...ours.filter((v) => v.deprecated).sort(byNewest)][0];
  if (!pick) throw new ModuleError("version", `vCloud speaks API ${offered.map((v) => v.version).join(", ")}; this module speaks ${MIN_VERSION}.0 to ${MAX_VERSION}.x`, false);
  log.line(`API version ${pick.version}${pick.deprecated ? " (deprecated, the newest both sides speak)" : ""}`);
  return pick.version;
}

async function logIn(conn: VcdConnection, log: AttemptLog, cached: Cached): Promise<string> {
  const basic = Buffer.from(`${conn.username}@${conn.org}:${conn.password}`).toString("base64");
  log.secret(basic);
  const res = await send(log, {
    method: "POST",
    url: `${base(conn)}/cloudapi/1.0.0/sessions`,
    headers: { authorization: `Basic ${basic}`, accept: `application/json;version=${cached.version}` },
    timeoutMs: conn.timeoutMs,
  });
  if (res.status === 401 || res.status === 403) throw new ModuleError("auth", `vCloud refused the credentials of ${conn.username}@${conn.org} (HTTP ${res.status})`, false);
  if (res.status >= 400) throw vcdError(res, "login");
  const token = res.headers.get("x-vmware-vcloud-access-token");
  if (!token) throw new ModuleError("bad_response", "vCloud login: no X-VMWARE-VCLOUD-ACCESS-TOKEN in the answer", true);
  log.secret(token);
  cached.token = token;
  return token;
}

export type CallOptions = { query?: Record<string, string>; xml?: string; type?: string };
export type VcdSession = {
  version: string;
  /** A call on the legacy XML API; error answers become ModuleErrors. */
  call(method: "GET" | "POST" | "DELETE", path: string, opts?: CallOptions): Promise<WireResponse>;
};

/**
 * The connection's session: reused while VCD accepts it; an expired one (401) logs in again once,
 * and a version VCD no longer speaks (406) is negotiated again once.
 */
export async function session(conn: VcdConnection, log: AttemptLog): Promise<VcdSession> {
  log.secret(conn.password);
  const key = keyOf(conn);
  const cached = sessions.get(key) ?? { version: await negotiate(conn, log) };
  sessions.set(key, cached);
  let token = cached.token ?? (await logIn(conn, log, cached).catch(async (error: unknown) => {
    if (!(error instanceof ModuleError) || error.code !== "version") throw error;
    cached.version = await negotiate(conn, log);
    return logIn(conn, log, cached);
  }));
  log.secret(token);

  const once = (method: "GET" | "POST" | "DELETE", path: string, opts: CallOptions) =>
    send(log, {
      method,
      url: `${base(conn)}${path}`,
      query: opts.query,
      headers: { authorization: `Bearer ${token}`, accept: `application/*+xml;version=${cached.version}`, ...(opts.xml ? { "content-type": opts.type ?? "application/xml" } : {}) },
      body: opts.xml,
      timeoutMs: conn.timeoutMs,
    });

  return {
    version: cached.version,
    async call(method, path, opts = {}) {
      let res = await once(method, path, opts);
      if (res.status === 401) {
        log.line("the session was refused: logging in again once");
        token = await logIn(conn, log, cached);
        res = await once(method, path, opts);
      } else if (res.status === 406) {
        log.line("VCD no longer speaks this API version: negotiating again once");
        cached.version = await negotiate(conn, log);
        token = await logIn(conn, log, cached);
        res = await once(method, path, opts);
      }
      if (res.status >= 400) throw vcdError(res, `${method} ${path}`);
      if (res.text && !res.text.trimStart().startsWith("<")) throw new ModuleError("bad_response", `vCloud ${path}: the answer is not XML`, true);
      return res;
    },
  };
}
