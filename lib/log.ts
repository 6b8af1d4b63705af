import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";

export type { Logger } from "pino";

/** Keys whose values never reach a log line, at the top and one level down. */
const SECRET_KEYS = ["password", "passwd", "secret", "secrets", "token", "apiKey", "api_key", "authorization", "cookie", "props", "connection"];
export const redactPaths = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`)];

/**
 * Replaces each secret value in a text with ***, also where it appears URL-, JSON- or XML-escaped
 * (the ways a panel's answer or an error message can carry it). Values shorter than 3 characters
 * are left alone, as in the attempt log.
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) {
    if (!s || s.length < 3) continue;
    const xml = s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
    for (const form of new Set([s, encodeURIComponent(s), JSON.stringify(s).slice(1, -1), xml])) out = out.split(form).join("***");
  }
  return out;
}

/** pino-pretty as a stream, when it is installed (a devDependency) and we are not in production. */
function prettyStream(env: NodeJS.ProcessEnv): DestinationStream | undefined {
  const format = env.LOG_FORMAT;
  if (format === "json" || env.NODE_ENV === "production") return undefined;
  if (format !== "pretty" && (env.NODE_ENV === "test" || !process.stdout.isTTY)) return undefined;
  try {
    const pretty = createRequire(import.meta.url)("pino-pretty") as (opts: object) => DestinationStream;
    return pretty({ colorize: Boolean(process.stdout.isTTY), translateTime: "HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}

/**
 * A pino logger: one JSON line per event on stdout (LOG_LEVEL, default info; LOG_FORMAT=pretty or
 * json to choose, pretty by default on a terminal outside production). Secret-looking keys are
 * censored; texts that may carry a known secret go through redactSecrets first.
 */
export function createLogger(opts: { destination?: DestinationStream; level?: string; env?: NodeJS.ProcessEnv } = {}): Logger {
  const env = opts.env ?? process.env;
  const options = {
    level: opts.level ?? env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info"),
    base: { pid: process.pid },
    redact: { paths: redactPaths, censor: "***" },
    formatters: { level: (label: string) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, opts.destination ?? prettyStream(env) ?? pino.destination({ dest: 1, sync: true }));
}

const globalKey = Symbol.for("provisio.log");
type Holder = { [globalKey]?: Logger };

/** The process's logger (one per process, also when Next.js loads this module twice). */
export function logger(): Logger {
  const holder = globalThis as Holder;
  return (holder[globalKey] ??= createLogger());
}

/** Replaces the process's logger (tests capture lines with a destination stream). */
export function setLogger(next: Logger): void {
  (globalThis as Holder)[globalKey] = next;
}

/** The code of a failure (ECONNREFUSED, 57P01, ...) found on the error or its causes. */
export function errorCode(error: unknown): string | undefined {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length) {
      const inner = errorCode(errors[0]);
      if (inner) return inner;
    }
  }
  return undefined;
}

/**
 * A database error in a few words, without the SQL text: drizzle wraps the driver's error in
 * "Failed query: <sql> params: ..."; the cause says what happened (ECONNREFUSED, a deadlock, ...).
 */
export function describeError(error: unknown): { code?: string; message: string } {
  let e: unknown = error;
  while (e instanceof Error && /^Failed query:/.test(e.message) && e.cause) e = e.cause;
  const code = errorCode(error);
  const message = e instanceof Error ? e.message : String(e);
  return { ...(code ? { code } : {}), message: message.length > 300 ? `${message.slice(0, 300)}…` : message };
}
