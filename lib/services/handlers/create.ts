import { z } from "zod";
import { handlers } from "../../db/schema";
import { moduleKinds, productTypes } from "../../vocabulary";
import { encryptJson } from "../../crypto";
import { ValidationError } from "../../errors";
import { getModule, splitConnection } from "../../modules/registry";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { checkFailed, connectionCheckModes, probeConnection } from "./probe";

export const handlerSettingsInput = z.object({
  name: z.string().trim().min(2).max(100),
  productType: z.enum(productTypes),
  module: z.enum(moduleKinds),
  connection: z.record(z.string(), z.unknown()).default({}),
  dataCenter: z.string().trim().max(100).optional(),
  departmentId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  priority: z.number().int().min(0).max(10_000).default(100),
  maxRunning: z.number().int().min(1).max(1000).default(50),
  enabled: z.boolean().default(true),
  /** Check the connection first and refuse a failing one ("run"), or save it anyway and record it failing. */
  connectionCheck: z.enum(connectionCheckModes).optional(),
});

/** Checks a connection against the module's schema; field errors come back under "connection.". */
export function parseConnection(moduleKind: string, connection: Record<string, unknown>) {
  const module = getModule(moduleKind);
  const parsed = module.connection.safeParse(connection);
  if (!parsed.success) {
    const fields: Record<string, string[]> = {};
    for (const i of parsed.error.issues) (fields[`connection.${i.path.join(".")}`] ??= []).push(i.message);
    throw new ValidationError(fields);
  }
  return { module, values: parsed.data as Record<string, unknown> };
}

/** Admins add a handler: a module instance with its connection (secret fields encrypted), checked first when asked. */
export async function createHandler({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(handlerSettingsInput, input);
  const { module, values } = parseConnection(data.module, data.connection);
  if (!module.productTypes.includes(data.productType)) {
    throw new ValidationError({ module: [`${module.title} does not serve ${data.productType}`] });
  }
  const { plain, secrets } = splitConnection(module, values);
  const check = data.connectionCheck ? await probeConnection(data.module, values, now(ctx)) : null;
  if (check && !check.ok && data.connectionCheck !== "save_anyway") throw checkFailed(check);
  const { connectionCheck: _c, ...settings } = data;
  const health = check ? { health: check.ok ? ("healthy" as const) : ("failing" as const), healthMessage: check.ok ? null : check.message, healthCheckedAt: check.checkedAt } : {};
  return ctx.db.transaction(async (tx) => {
    const [handler] = await tx
      .insert(handlers)
      .values({ ...settings, ...health, connection: plain, secrets: Object.keys(secrets).length ? encryptJson(secrets) : null, departmentId: data.departmentId ?? null })
      .onConflictDoNothing()
      .returning();
    if (!handler) throw new ValidationError({ name: ["A processing module with this name exists"] });
    await audit(tx, ctx.actor, { action: "handler.create", entity: "handler", entityId: handler.id, after: { ...handler, connection: plain } });
    return { ...handler, check };
  });
}
