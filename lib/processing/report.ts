import { logger, redactSecrets, type Logger } from "../log";
import { processMetrics } from "../metrics/process";
import type { ModuleError } from "../modules/contract";
import type { LoadedOperation } from "./load";
import type { ErrorRecorded } from "./record";
import type { TakenHandler } from "./select-handler";

type Attempt = { handler: TakenHandler; startedAt: Date; now: Date; secrets?: Iterable<string> };

/**
 * What the engine says about one operation: a log line per outcome, with the operation, service,
 * handler and attempt ids, and the process's attempt metrics. Module errors are expected: they are
 * logged as a code and a message (secrets redacted), never as a stack.
 */
export function operationReport(base: Logger | undefined, loaded: LoadedOperation) {
  const { operation, service } = loaded;
  const root = base ?? logger();
  let child: Logger | null = null;
  // The child logger is made for the first line that is written: most runs write none at `warn`.
  const write = (level: "debug" | "info" | "warn" | "error", fields: object, message: string) => {
    if (!root.isLevelEnabled(level)) return;
    child ??= root.child({ operation: operation.id, service: service.id, kind: operation.kind });
    child[level](fields, message);
  };
  const metrics = processMetrics();
  const timed = (a: Attempt, outcome: string) => {
    const seconds = Math.max(0, (a.now.getTime() - a.startedAt.getTime()) / 1000);
    metrics.attempts.inc({ module: a.handler.module, outcome });
    metrics.attemptSeconds.observe({ module: a.handler.module }, seconds);
    return { handler: a.handler.id, module: a.handler.module, ms: Math.round(seconds * 1000) };
  };
  return {
    done(a: Attempt, result: { attempt: number; attemptId: number | null } | null) {
      if (!result) return write("warn", { handler: a.handler.id }, "operation done on the panel, but its lease was lost: another worker or a person has it now");
      write("info", { ...timed(a, "done"), attempt: result.attempt, attemptId: result.attemptId }, "operation done");
      if (operation.kind === "open") metrics.payToActiveSeconds.observe(Math.max(0, (a.now.getTime() - operation.createdAt.getTime()) / 1000));
    },
    pending(a: Attempt) {
      write("info", { ...timed(a, "pending"), attempt: operation.remoteTask ? operation.attempts : operation.attempts + 1 }, "operation waits for the panel's task");
    },
    failed(a: Attempt, error: ModuleError, recorded: ErrorRecorded | null) {
      const fields = { ...timed(a, "error"), code: error.code, retryable: error.retryable, error: redactSecrets(error.message, a.secrets ?? []) };
      if (!recorded) return write("warn", fields, "attempt failed, but its lease was lost: nothing recorded");
      const ids = { attempt: recorded.attempt, attemptId: recorded.attemptId };
      if (recorded.retryAt) write("warn", { ...fields, ...ids, retryAt: recorded.retryAt.toISOString() }, "attempt failed, will retry");
      else write("error", { ...fields, ...ids, task: recorded.taskId }, "operation failed, switched to manual processing");
    },
    synced(a: Attempt, state: string) {
      write("info", { ...timed(a, "done"), state }, "service synced");
    },
    busy() {
      metrics.attempts.inc({ module: "none", outcome: "busy" });
      write("debug", {}, "every handler is at its max running operations: put back without an attempt");
    },
    toStaff(reason: "manual_handler" | "no_handler" | "claims", handlerId: number | null) {
      const text = { manual_handler: "handed to staff: the handler is Manual setup", no_handler: "switched to manual processing: no enabled handler", claims: "switched to manual processing: taken too many times without an answer" }[reason];
      write(reason === "manual_handler" ? "info" : "warn", { handler: handlerId, claims: operation.claims }, `operation ${text}`);
    },
  };
}
