import { format } from "node:util";
import { describeError, logger, type Logger } from "./log";

const LEVELS = { debug: "debug", log: "info", info: "info", warn: "warn", error: "error" } as const;

/** Drops the parameters drizzle appends to a failed query ("params: a,b,c"): they may be client data. */
export function withoutParams(text: string): string {
  return text.replace(/\s*\bparams: [^\n]*/g, "");
}

/** An error as one JSON-safe object: its message without SQL or parameters, code, and stack frames. */
function errorFields(error: Error): Record<string, unknown> {
  const { code, message } = describeError(error);
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)).slice(0, 8).map((line) => line.trim());
  return { type: error.name, message: withoutParams(message), ...(code ? { code } : {}), ...(frames.length ? { stack: frames } : {}) };
}

/**
 * Sends console.log/info/warn/error/debug through pino, so a production web writes one JSON line
 * per event like the workers (Next.js's own messages and error dumps included, once the server has
 * started). An Error argument becomes an `err` field; failed queries lose their parameters.
 */
export function consoleToLogger(log: Logger = logger()): void {
  for (const [method, level] of Object.entries(LEVELS)) {
    (console as unknown as Record<string, (...args: unknown[]) => void>)[method] = (...args: unknown[]) => {
      const error = args.find((a): a is Error => a instanceof Error);
      const text = withoutParams(format(...args.filter((a) => a !== error)).trim());
      if (error) log[level]({ err: errorFields(error) }, text || errorFields(error).message as string);
      else log[level](text);
    };
  }
}
