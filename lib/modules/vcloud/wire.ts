import { ModuleError, type AttemptLog } from "../contract";

/**
 * One HTTP exchange with VCD, written to the attempt log. Unlike ../http's request() it hands 401
 * and 403 answers back: VCD answers 403 ACCESS_TO_RESOURCE_IS_FORBIDDEN for an entity that does not
 * exist, and 401 for an expired session, neither of which means wrong credentials.
 */
export type WireRequest = {
  method: "GET" | "POST" | "DELETE";
  url: string;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  timeoutMs?: number;
};
export type WireResponse = { status: number; headers: Headers; text: string };

const DEFAULT_TIMEOUT_MS = 15_000;
const BODY_IN_LOG = 500;

export async function send(log: AttemptLog, req: WireRequest): Promise<WireResponse> {
  const url = new URL(req.url);
  for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.append(k, v);
  log.line(`→ ${req.method} ${url.origin}${url.pathname}${url.search ? `?${decodeURIComponent(url.search.slice(1))}` : ""}${req.body ? ` body: ${req.body}` : ""}`);
  const timeoutMs = req.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const started = Date.now();
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, { method: req.method, headers: req.headers, body: req.body, signal: controller.signal, redirect: "manual" });
    text = await res.text();
  } catch (error) {
    if (controller.signal.aborted) {
      log.line(`← timeout after ${timeoutMs} ms`);
      throw new ModuleError("timeout", `No answer from ${url.host} within ${timeoutMs} ms`, true);
    }
    const cause = (error as { cause?: { code?: string } })?.cause?.code ?? (error as Error)?.message ?? String(error);
    log.line(`← network error ${cause}`);
    throw new ModuleError("network", `Cannot reach ${url.host}: ${cause}`, true);
  } finally {
    clearTimeout(timer);
  }
  log.line(`← ${res.status} in ${Date.now() - started} ms ${text.length > BODY_IN_LOG ? `${text.slice(0, BODY_IN_LOG)}…` : text}`);
  if (res.status >= 500) throw new ModuleError(`http_${res.status}`, `${url.host} answered HTTP ${res.status}`, true);
  return { status: res.status, headers: res.headers, text };
}
