import type { OperationStatus } from "../../vocabulary";

/**
 * What people see of an operation: its status, or "failing" for one that is queued again after a
 * failed attempt (the engine keeps it `queued` with its last error until the next try).
 */
export type OperationState = OperationStatus | "failing";

export type OperationStateView = {
  state: OperationState;
  /** "attempt 1 of 3 failed, next try 14:05 UTC" for a failing one, else null (English, as the REST API gives it). */
  detail: string | null;
  nextTryAt: Date | null;
  /** The same for pages to word in the reader's language: the failed attempt, of how many, and seconds to the next try. */
  failed: { attempt: number; of: number; nextInSeconds: number } | null;
  /** The first line of the last error, for a row or a badge. */
  errorLine: string | null;
};

const hhmm = (d: Date) => `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")} UTC`;

export function isFailing(op: { status: string; attempts: number; lastError: string | null }): boolean {
  return op.status === "queued" && op.attempts > 0 && Boolean(op.lastError);
}

/** Seconds within which a next try reads "in 12 s" rather than a clock time. */
export const NEAR_S = 120;

/** When an operation runs next, as people read it: "now", "in 12 s" when near, else "14:05 UTC". */
export function nextTryText(at: Date, now: Date): string {
  const s = Math.ceil((at.getTime() - now.getTime()) / 1000);
  if (s <= 0) return "now";
  return s < NEAR_S ? `in ${s} s` : hhmm(at);
}

/** Attempts in all, and those since the last restart when a restart began a fresh set ("4 in all, 1 since the last restart"). */
export function attemptCountText(sinceRestart: number, all: number): string {
  return sinceRestart >= all ? String(sinceRestart) : `${all} in all, ${sinceRestart} since the last restart`;
}

export function operationState(
  op: { status: OperationStatus; attempts: number; lastError: string | null; runAt: Date | string },
  maxAttempts: number,
  now: Date = new Date(),
): OperationStateView {
  const errorLine = op.lastError && op.status !== "done" ? op.lastError.split("\n")[0]!.trim() : null;
  if (!isFailing(op)) return { state: op.status, detail: null, nextTryAt: null, failed: null, errorLine };
  const nextTryAt = new Date(op.runAt);
  const of = Math.max(maxAttempts, op.attempts);
  const detail = `attempt ${op.attempts} of ${of} failed, next try ${nextTryText(nextTryAt, now)}`;
  const failed = { attempt: op.attempts, of, nextInSeconds: Math.ceil((nextTryAt.getTime() - now.getTime()) / 1000) };
  return { state: "failing", detail, nextTryAt, failed, errorLine };
}

/** Which staff actions apply to an operation in this status (the verbs refuse the others). */
export function operationActions(status: OperationStatus) {
  return {
    restart: ["manual", "queued", "waiting"].includes(status),
    switchToManual: ["queued", "waiting", "running"].includes(status),
    cancel: !["done", "cancelled"].includes(status),
  };
}
