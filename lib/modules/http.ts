import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { ModuleError, type AttemptLog } from "./contract";

type Values = Record<string, string | number | boolean | undefined | null>;

export type HttpRequest = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  query?: Values;
  form?: Values;
  json?: unknown;
  /** A body sent as it is (XML, …), with the content type given in headers. */
  raw?: string;
  headers?: Record<string, string>;
  /** Covers the whole exchange, body included. */
  timeoutMs?: number;
};

/** An answer's headers, read by name in any case (as fetch's Headers.get). */
export type ResponseHeaders = { get(name: string): string | null };
export type HttpResponse = { status: number; headers: ResponseHeaders; text: string };

/** Node's parsed headers (lower-case names) behind Headers.get's answer: repeated ones joined by ", ". */
const headerReader = (raw: IncomingHttpHeaders): ResponseHeaders => ({
  get(name) {
    const value = raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  },
});

export const DEFAULT_TIMEOUT_MS = 15_000;
const BODY_IN_LOG = 500;

const entries = (values: Values | undefined): [string, string][] =>
  Object.entries(values ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [k, String(v)]);

/**
 * The log shows raw (not percent-encoded) values: the AttemptLog redacts secrets by exact match,
 * and URLSearchParams encodes some characters differently from encodeURIComponent.
 */
const plain = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join("&");

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function causeCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code.length > 0) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Kept-alive connections per panel. An idle connection is closed after 4 s, before servers with a
 * short keep-alive (Apache's default is 5 s) close it under a request about to be sent on it.
 */
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: 4_000, scheduling: "lifo" }),
  "https:": new https.Agent({ keepAlive: true, timeout: 4_000, scheduling: "lifo" }),
};

/** Rejected with this when the whole exchange outlived its time. */
class Timeout extends Error {}

/**
 * One request and its whole answer over node:http (a quarter of fetch's CPU per call, which counts
 * when a runner makes thousands a second). Redirects are not followed. The timeout covers it all,
 * body included: the request is destroyed when it runs out (a timer, not an AbortSignal, whose
 * listeners cost more than the rest of a call to a fast panel).
 */
function exchange(url: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<HttpResponse> {
  const agent = url.protocol === "http:" || url.protocol === "https:" ? agents[url.protocol] : null;
  if (!agent) return Promise.reject(new Error(`unsupported protocol ${url.protocol}`));
  const sent: Record<string, string> = { accept: "*/*", "user-agent": "provisio", ...headers };
  if (body !== undefined) sent["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const fail = (error: unknown) => settle(() => reject(error));
    const req = client.request(url, { method, headers: sent, agent }, (res) => {
      const chunks: Buffer[] = [];
      let ended = false;
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        ended = true;
        settle(() => resolve({ status: res.statusCode ?? 0, headers: headerReader(res.headers), text: Buffer.concat(chunks).toString("utf8") }));
      });
      res.on("error", fail);
      res.on("close", () => ended || fail(Object.assign(new Error("the connection closed before the whole answer"), { code: "ECONNRESET" })));
    });
    const timer = setTimeout(() => {
      fail(new Timeout());
      req.destroy();
    }, timeoutMs);
    req.on("error", fail);
    req.end(body);
  });
}

/** One HTTP exchange with a panel, written to the attempt log; failures become ModuleErrors. */
export async function request(log: AttemptLog, req: HttpRequest): Promise<HttpResponse> {
  const url = new URL(req.url);
  const query = entries(req.query);
  for (const [k, v] of query) url.searchParams.append(k, v);
  // Names in lower case, so the content type set below replaces a caller's in any case.
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers ?? {})) headers[name.toLowerCase()] = value;
  let body: string | undefined;
  let shown = "";
  if (req.form) {
    const form = entries(req.form);
    body = new URLSearchParams(form).toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
    shown = ` form: ${plain(form)}`;
  } else if (req.json !== undefined) {
    body = JSON.stringify(req.json);
    headers["content-type"] = "application/json";
    shown = ` json: ${body}`;
  } else if (req.raw !== undefined) {
    body = req.raw;
    shown = ` body: ${body}`;
  }
  const target = `${url.origin}${url.pathname}${query.length ? `?${plain([...new URLSearchParams(url.search)])}` : ""}`;
  log.line(`→ ${req.method} ${target}${shown}`);

  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = Date.now();
  let status: number;
  let responseHeaders: ResponseHeaders;
  let text: string;
  try {
    ({ status, headers: responseHeaders, text } = await exchange(url, req.method, headers, body, timeoutMs));
  } catch (error) {
    if (error instanceof Timeout) {
      log.line(`← timeout after ${timeoutMs} ms`);
      throw new ModuleError("timeout", `No answer from ${url.host} within ${timeoutMs} ms`, true);
    }
    const code = causeCode(error) ?? "unknown";
    log.line(`← network error ${code}`);
    const what = NETWORK_CODES.has(code) ? code : (error as Error)?.message ?? String(error);
    throw new ModuleError("network", `Cannot reach ${url.host}: ${what}`, true);
  }

  const excerpt = text.length > BODY_IN_LOG ? `${text.slice(0, BODY_IN_LOG)}…` : text;
  log.line(`← ${status} in ${Date.now() - started} ms ${excerpt}`);
  if (status >= 500) throw new ModuleError(`http_${status}`, `${url.host} answered HTTP ${status}`, true);
  if (status === 401 || status === 403) throw new ModuleError("auth", `${url.host} refused the credentials (HTTP ${status})`, false);
  return { status, headers: responseHeaders, text };
}

/**
 * An HTML page with a password field: what panels answer (often with HTTP 200) when the credentials
 * or the session are no longer accepted, instead of their API answer.
 */
export function isLoginPage(text: string): boolean {
  const head = text.trimStart().slice(0, 20_000).toLowerCase();
  if (!head.startsWith("<")) return false;
  return /<form[\s>]/.test(head) && /<input[^>]+type=["']?password/.test(head);
}

/**
 * Parses a JSON answer; garbage counts as a passing fault of the panel. A login page instead of JSON
 * means the panel no longer takes the credentials: a final `auth` error.
 */
export function parseJson<T = unknown>(text: string, log: AttemptLog): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    if (isLoginPage(text)) {
      log.line("answer is a login page: the credentials or the session are not accepted");
      throw new ModuleError("auth", "The panel answered with its login page: the credentials or the session are not accepted", false);
    }
    log.line("answer is not JSON");
    throw new ModuleError("bad_response", "The panel answered something that is not JSON", true);
  }
}
