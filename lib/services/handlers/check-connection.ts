import { eq } from "drizzle-orm";
import { z } from "zod";
import { readableJson } from "../../crypto";
import { handlers } from "../../db/schema";
import { moduleKinds } from "../../vocabulary";
import { notFound, ValidationError } from "../../errors";
import { getModule } from "../../modules/registry";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { parseConnection } from "./create";
import { probeConnection, recordCheck, type CheckResult } from "./probe";
import { withStoredSecrets } from "./update";

export const checkConnectionInput = z
  .object({
    handlerId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    module: z.enum(moduleKinds).optional(),
    /** A connection typed in the form, not saved yet; blank secret fields use the stored ones. */
    connection: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((v) => v.handlerId !== undefined || (v.module !== undefined && v.connection !== undefined), "Give a handler or a module with its connection");

export type { CheckResult } from "./probe";

export const NEEDED_TO_CHECK = "Needed to check the connection";

/** Required fields left blank: each is named, so the form can mark it next to the field. */
function requireFilled(fields: { key: string; required?: boolean }[], values: Record<string, unknown>) {
  const missing = fields.filter((f) => f.required && (values[f.key] === undefined || values[f.key] === null || String(values[f.key]).trim() === ""));
  if (missing.length) throw new ValidationError(Object.fromEntries(missing.map((f) => [`connection.${f.key}`, [NEEDED_TO_CHECK]])), "Fill in the marked fields to check the connection");
}

/**
 * Calls the module's checkConnection with an attempt log (secrets redacted). Checking a saved
 * handler as stored also records its health (unless a newer attempt already did).
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

  const result = await probeConnection(kind, values, now(ctx));
  if (handler && !data.connection) await recordCheck(ctx.db, handler.id, result);
  return result;
}
