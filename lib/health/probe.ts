import { ConfigError } from "../env";

const TIMEOUT_MS = 5_000;

/** A short, log-safe reason for a failed probe: the variable, a time-out, or the database's error code. */
export function probeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof TimeoutError) return "database did not answer in time";
  const code = findCode(error);
  return code ? `database unavailable (${code})` : "database unavailable";
}

function findCode(error: unknown): string | undefined {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

class TimeoutError extends Error {}

export function withTimeout<T>(promise: Promise<T>, ms: number = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
