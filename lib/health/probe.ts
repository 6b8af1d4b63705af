import { ConfigError } from "../env";

const TIMEOUT_MS = 5_000;

/**
 * Errors waiting cannot cure: no such database (3D000), a refused login or password (class 28),
 * no permission (42501). Their PostgreSQL message says what to fix, and names no secret.
 */
const PERMANENT = /^(3D000|28\w{3}|42501)$/;

/**
 * A short, log-safe reason for a failed probe: the variable, a time-out, or the database's error
 * code; for a permanent error also PostgreSQL's own message (`database "x" does not exist`).
 */
export function probeFailure(error: unknown): string {
  if (error instanceof ConfigError) return error.message;
  if (error instanceof TimeoutError) return "database did not answer in time";
  const found = findCode(error);
  if (!found) return "database unavailable";
  if (PERMANENT.test(found.code) && found.message) return `database refused: ${found.message} (${found.code})`;
  return `database unavailable (${found.code})`;
}

/** True for an error retrying cannot cure (see PERMANENT). */
export function isPermanentDatabaseError(error: unknown): boolean {
  const found = findCode(error);
  return Boolean(found && PERMANENT.test(found.code));
}

function findCode(error: unknown): { code: string; message?: string } | undefined {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === "string") return { code, message: typeof message === "string" ? message.split("\n")[0].slice(0, 300) : undefined };
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
