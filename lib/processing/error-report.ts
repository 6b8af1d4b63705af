import { describeError, type Logger } from "../log";

const CONNECTION_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|CONNECTION_\w+|57P0[1-3]|08\d\d\d)$/;
const QUIET_MS = 10_000;

export type ErrorReporter = ((error: unknown) => void) & { recovered(): void };

/**
 * Logs the runner's unexpected errors as one line each, without SQL text. A lost database is said
 * once with its cause (ECONNREFUSED, ...), then at most once every 10 s with how many more failed,
 * and its return is said once; other errors keep their stack (they are bugs).
 */
export function errorReporter(log: Logger): ErrorReporter {
  let down: { code: string; since: number; lastLine: number; more: number } | null = null;
  const report = ((error: unknown) => {
    const { code, message } = describeError(error);
    if (code && CONNECTION_CODES.test(code)) {
      const now = Date.now();
      if (down && now - down.lastLine < QUIET_MS) {
        down.more++;
        return;
      }
      log.error({ code, failedSince: down ? new Date(down.since).toISOString() : undefined, more: down?.more }, `database unavailable (${code}): ${message}`);
      down = { code, since: down?.since ?? now, lastLine: now, more: 0 };
      return;
    }
    // The stack without its first line: drizzle puts the whole SQL text in the message.
    const stack = error instanceof Error ? error.stack?.split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 5).join("\n") : undefined;
    log.error({ code, stack }, `runner error: ${message}`);
  }) as ErrorReporter;
  report.recovered = () => {
    if (!down) return;
    log.info({ code: down.code, downMs: Date.now() - down.since }, "database reachable again");
    down = null;
  };
  return report;
}
