import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { handlers } from "../../db/schema";
import { decryptJson, encryptJson } from "../../crypto";
import { notFound, ValidationError } from "../../errors";
import { getModule, splitConnection, type AnyModule } from "../../modules/registry";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { parseConnection } from "./create";

export const updateHandlerInput = z.object({
  handlerId: z.coerce.number().int().positive().max(2_147_483_647),
  name: z.string().trim().min(2).max(100).optional(),
  connection: z.record(z.string(), z.unknown()).optional(),
  dataCenter: z.string().trim().max(100).nullable().optional(),
  departmentId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  priority: z.number().int().min(0).max(10_000).optional(),
  maxRunning: z.number().int().min(1).max(1000).optional(),
});

const blank = (v: unknown) => v === undefined || v === null || v === "";

/** Connection fields that say where the panel is: a change sends credentials somewhere new. */
const ADDRESS_FIELD = /url|host|port|endpoint|server/i;
const sameAddress = (a: unknown, b: unknown) => String(a ?? "").trim().replace(/\/+$/, "").toLowerCase() === String(b ?? "").trim().replace(/\/+$/, "").toLowerCase();

/**
 * A connection typed in a form over the stored one: blank plain fields are dropped, and a blank
 * secret field keeps the stored secret (secrets are write-only: the form never shows them) — but
 * only while the address stays the same. A changed address needs every secret typed again, so a
 * stored password is never sent to a new place.
 */
export function withStoredSecrets(module: Pick<AnyModule, "connectionFields">, typed: Record<string, unknown>, stored: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(typed)) if (!blank(value)) out[key] = value;
  const moved = module.connectionFields.some((f) => !f.secret && ADDRESS_FIELD.test(f.key) && !blank(out[f.key]) && !sameAddress(out[f.key], stored[f.key]));
  const missing: Record<string, string[]> = {};
  for (const f of module.connectionFields) {
    if (!f.secret || !blank(out[f.key]) || blank(stored[f.key])) continue;
    if (moved) missing[`connection.${f.key}`] = [`The address changed: type the ${f.label.toLowerCase()} again`];
    else out[f.key] = stored[f.key];
  }
  if (Object.keys(missing).length) throw new ValidationError(missing, "The address changed: type the credentials again");
  return out;
}

/** Admins change a handler's settings or connection; its module and product type stay. */
export async function updateHandler({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(updateHandlerInput, input);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(handlers).where(eq(handlers.id, data.handlerId)).for("update");
    if (!before) throw notFound("Processing module not found");
    if (data.name) {
      const [taken] = await tx.select({ id: handlers.id }).from(handlers).where(and(eq(handlers.name, data.name), ne(handlers.id, before.id)));
      if (taken) throw new ValidationError({ name: ["A processing module with this name exists"] });
    }
    let connection = before.connection;
    let secrets = before.secrets;
    let credentialsChanged: string[] = [];
    if (data.connection) {
      const stored = decryptJson<Record<string, unknown>>(before.secrets);
      const module = getModule(before.module);
      const { values } = parseConnection(before.module, withStoredSecrets(module, data.connection, { ...before.connection, ...stored }));
      const split = splitConnection(module, values);
      connection = split.plain;
      secrets = Object.keys(split.secrets).length ? encryptJson(split.secrets) : null;
      credentialsChanged = Object.keys(split.secrets).filter((k) => split.secrets[k] !== stored[k]);
    }
    const [after] = await tx
      .update(handlers)
      .set({
        name: data.name ?? before.name,
        connection,
        secrets,
        dataCenter: data.dataCenter === undefined ? before.dataCenter : data.dataCenter || null,
        departmentId: data.departmentId === undefined ? before.departmentId : data.departmentId,
        priority: data.priority ?? before.priority,
        maxRunning: data.maxRunning ?? before.maxRunning,
        updatedAt: now(ctx),
      })
      .where(eq(handlers.id, before.id))
      .returning();
    const view = (h: typeof before) => ({ name: h.name, connection: h.connection, dataCenter: h.dataCenter, departmentId: h.departmentId, priority: h.priority, maxRunning: h.maxRunning });
    await audit(tx, ctx.actor, { action: "handler.update", entity: "handler", entityId: before.id, before: view(before), after: { ...view(after!), credentialsChanged } });
    const { secrets: _s, ...rest } = after!;
    return rest;
  });
}
