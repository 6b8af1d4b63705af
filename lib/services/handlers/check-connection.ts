import { eq } from "drizzle-orm";
import { z } from "zod";
import { readableJson } from "../../crypto";
import { handlers } from "../../db/schema";
import { moduleKinds } from "../../vocabulary";
import { notFound, ValidationError } from "../../errors";
import { createAttemptLog } from "../../modules/attempt-log";
import { checkAdvice } from "../../modules/check-advice";
import { getModule } from "../../modules/registry";
import { asModuleError } from "../../processing/record";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { parseConnection } from "./create";
import { withStoredSecrets } from "./update";

export const checkConnectionInput = z
  .object({
    handlerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    module: z.enum(moduleKinds).optional(),
    /** A connection typed in the form, not saved yet; blank secret fields use the stored ones. */
    connection: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((v) => v.handlerId !== undefined || (v.module !== undefined && v.connection !== undefined), "Give a handler or a module with its connection");

/** `advice` and `fields` (connection keys) say in plain words what a failure most likely means. */
export type CheckResult = { ok: boolean; code: string | null; message: string; advice: string | null; fields: string[]; log: string; checkedAt: Date };

export const NEEDED_TO_CHECK = "Needed to check the connection";

/** Required fields left blank: each is named, so the form can mark it next to the field. */
function requireFilled(fields: { key: string; required?: boolean }[], values: Record<string, unknown>) {
  const missing = fields.filter((f) => f.required && (values[f.key] === undefined || values[f.key] === null || String(values[f.key]).trim() === ""));
  if (missing.length) throw new ValidationError(Object.fromEntries(missing.map((f) => [`connection.${f.key}`, [NEEDED_TO_CHECK]])), "Fill in the marked fields to check the connection");
}

/**
 * Calls the module's checkConnection with an attempt log (secrets redacted). Checking a saved
 * handler as stored also records its health.
 */
export async function checkHandlerConnection({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<CheckResult> {
  requireAdmin(ctx.actor);
  const data = parseInput(checkConnectionInput, input);
  const [handler] = data.handlerId ? await ctx.db.select().from(handlers).where(eq(handlers.id, data.handlerId)) : [];
  if (data.handlerId && !handler) throw notFound("Processing module not found");
  if (handler && data.module && data.module !== handler.module) throw new ValidationError({ module: ["A saved processing module keeps its module"] });
  const kind = handler?.module ?? data.module!;
  const module = getModule(kind);
  // Credentials saved with another key count as blank: requireFilled names them for the admin to type.
  const stored = handler ? { ...handler.connection, ...(readableJson(handler.secrets) ?? {}) } : {};
  const typed = data.connection ? withStoredSecrets(module, data.connection, stored) : stored;
  requireFilled(module.connectionFields, typed);
  const { values } = parseConnection(kind, typed);

  const log = createAttemptLog();
  for (const f of module.connectionFields) if (f.secret && typeof values[f.key] === "string") log.secret(values[f.key] as string);
  let result: Omit<CheckResult, "log" | "checkedAt">;
  try {
    await module.checkConnection(values, log);
    result = { ok: true, code: null, message: `${module.title} answered: the connection works`, advice: null, fields: [] };
    log.line("connection OK");
  } catch (error) {
    const e = log.redactError(asModuleError(error));
    const { message: advice, fields } = checkAdvice(e.code, module.connectionFields);
    result = { ok: false, code: e.code, message: e.message, advice, fields };
    log.line(`error ${e.code}: ${e.message}`);
  }
  const checkedAt = now(ctx);
  if (handler && !data.connection) {
    await ctx.db
      .update(handlers)
      .set({ health: result.ok ? "healthy" : "failing", healthMessage: result.ok ? null : result.message, healthCheckedAt: checkedAt })
      .where(eq(handlers.id, handler.id));
  }
  return { ...result, log: log.text(), checkedAt };
}
