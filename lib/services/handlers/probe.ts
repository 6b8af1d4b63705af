import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Conn } from "../../db";
import { handlers } from "../../db/schema";
import { unprocessable } from "../../errors";
import { createAttemptLog } from "../../modules/attempt-log";
import { checkAdvice } from "../../modules/check-advice";
import { getModule } from "../../modules/registry";
import { asModuleError } from "../../processing/record";

/** `advice` and `fields` (connection keys) say in plain words what a failure most likely means. */
export type CheckResult = { ok: boolean; code: string | null; message: string; advice: string | null; fields: string[]; log: string; checkedAt: Date };

/** Calls the module's checkConnection with parsed values and an attempt log (secrets redacted). */
export async function probeConnection(kind: string, values: Record<string, unknown>, checkedAt: Date): Promise<CheckResult> {
  const module = getModule(kind);
  const log = createAttemptLog();
  for (const f of module.connectionFields) if (f.secret && typeof values[f.key] === "string") log.secret(values[f.key] as string);
  try {
    await module.checkConnection(values, log);
    log.line("connection OK");
    return { ok: true, code: null, message: `${module.title} answered: the connection works`, advice: null, fields: [], log: log.text(), checkedAt };
  } catch (error) {
    const e = log.redactError(asModuleError(error));
    const { message: advice, fields } = checkAdvice(e.code, module.connectionFields);
    log.line(`error ${e.code}: ${e.message}`);
    return { ok: false, code: e.code, message: e.message, advice, fields, log: log.text(), checkedAt };
  }
}

/**
 * Records a check as the handler's health, unless an attempt or check newer than it already did:
 * health follows the latest check or attempt, whichever is newer.
 */
export async function recordCheck(conn: Conn, handlerId: number, check: Pick<CheckResult, "ok" | "message" | "checkedAt">): Promise<void> {
  await conn
    .update(handlers)
    .set({ health: check.ok ? "healthy" : "failing", healthMessage: check.ok ? null : check.message, healthCheckedAt: check.checkedAt })
    .where(and(eq(handlers.id, handlerId), or(isNull(handlers.healthCheckedAt), lte(handlers.healthCheckedAt, check.checkedAt))));
}

/** How a save treats the connection: check it and refuse a failing one, or check it and save anyway. */
export const connectionCheckModes = ["run", "save_anyway"] as const;

/** A save refused because its connection check failed; the admin may confirm with "Save anyway". */
export const checkFailed = (check: CheckResult) =>
  unprocessable(`Not saved: the connection does not work. ${check.advice ?? check.message}`, { check: { ...check, checkedAt: check.checkedAt.toISOString() }, confirm: "save_anyway" });
