import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { handlers } from "../../db/schema";
import { encryptJson, readableJson } from "../../crypto";
import { conflict, notFound, ValidationError } from "../../errors";
import type { FieldSpec } from "../../modules/contract";
import { getModule, splitConnection, type AnyModule } from "../../modules/registry";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { parseConnection } from "./create";
import { checkFailed, connectionCheckModes, probeConnection, type CheckResult } from "./probe";

export const updateHandlerInput = z.object({
  handlerId: z.coerce.number().int().positive().max(2_147_483_647),
  name: z.string().trim().min(2).max(100).optional(),
  connection: z.record(z.string(), z.unknown()).optional(),
  dataCenter: z.string().trim().max(100).nullable().optional(),
  departmentId: z.number().int().positive().max(2_147_483_647).nullable().optional(),
  priority: z.number().int().min(0).max(10_000).optional(),
  maxRunning: z.number().int().min(1).max(1000).optional(),
  /** With a connection: check it first and refuse a failing one ("run"), or save it anyway and record it failing. */
  connectionCheck: z.enum(connectionCheckModes).optional(),
});

const blank = (v: unknown) => v === undefined || v === null || v === "";

type ConnectionSpec = Pick<AnyModule, "connectionFields" | "connection">;

/** A connection value as compared for a change: a trailing slash or the case of an address, or CRLF, is no change. */
function normalized(field: FieldSpec, value: unknown): string {
  if (value === undefined || value === null || value === false) return "";
  const text = String(value).trim().replace(/\r\n/g, "\n");
  return field.kind === "url" || /host/i.test(field.key) ? text.replace(/\/+$/, "").toLowerCase() : text;
}

/** The fields that say where or how secrets are sent and differ between two connections, compared as the module reads them. */
function movedFields(module: ConnectionSpec, typed: Record<string, unknown>, stored: Record<string, unknown>): FieldSpec[] {
  const read = (c: Record<string, unknown>) => {
    const parsed = module.connection.safeParse(c);
    return parsed.success ? (parsed.data as Record<string, unknown>) : c;
  };
  const [a, b] = [read(typed), read(stored)];
  return module.connectionFields.filter((f) => !f.secret && (f.transport || f.kind === "url") && normalized(f, a[f.key]) !== normalized(f, b[f.key]));
}

/**
 * A connection typed in a form over the stored one: blank plain fields are dropped, and a blank
 * secret field keeps the stored secret (secrets are write-only: the form never shows them) — but
 * only while every field that says where or how it is sent (URL, host, port, CA certificate, the
 * certificate check) stays the same. Otherwise the secrets must be typed again, so a stored
 * password is never sent somewhere new or in a new way.
 */
export function withStoredSecrets(module: ConnectionSpec, typed: Record<string, unknown>, stored: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(typed)) if (!blank(value)) out[key] = value;
  const kept = module.connectionFields.filter((f) => f.secret && blank(out[f.key]) && !blank(stored[f.key]));
  for (const f of kept) out[f.key] = stored[f.key];
  if (kept.length === 0) return out;
  // A required field left blank is missing, not moved (the form marks it): compare with the stored value in its place.
  const filled = { ...out };
  for (const f of module.connectionFields) if (f.required && !f.secret && blank(filled[f.key])) filled[f.key] = stored[f.key];
  const moved = movedFields(module, filled, stored);
  if (moved.length === 0) return out;
  const what = moved.map((f) => f.label).join(", ");
  const missing = Object.fromEntries(kept.map((f) => [`connection.${f.key}`, [`${what} changed: type the ${f.label.toLowerCase()} again`]]));
  throw new ValidationError(missing, `${what} changed: type the ${kept.map((f) => f.label.toLowerCase()).join(", ")} again`);
}

type StoredHandler = typeof handlers.$inferSelect;

/** The connection a save would store: the typed fields over the stored ones, parsed and split into plain and secret. */
function nextConnection(before: StoredHandler, typed: Record<string, unknown>) {
  // Credentials encrypted with another key count as unset: the form asks for them again.
  const stored = readableJson<Record<string, unknown>>(before.secrets) ?? {};
  const module = getModule(before.module);
  const { values } = parseConnection(before.module, withStoredSecrets(module, typed, { ...before.connection, ...stored }));
  const split = splitConnection(module, values);
  const credentialsChanged = Object.keys(split.secrets).filter((k) => split.secrets[k] !== stored[k]);
  const changed = credentialsChanged.length > 0 || JSON.stringify(split.plain) !== JSON.stringify(before.connection);
  return { values, plain: split.plain, secrets: Object.keys(split.secrets).length ? encryptJson(split.secrets) : null, credentialsChanged, changed };
}

/**
 * Admins change a handler's settings or connection; its module and product type stay. With
 * `connectionCheck` the connection is checked first (outside the transaction: no lock is held
 * while the panel answers) and the result becomes the handler's health; a changed connection
 * saved unchecked leaves the health unknown, since the old one was about other credentials.
 */
export async function updateHandler({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(updateHandlerInput, input);
  let check: (CheckResult & { probed: string }) | null = null;
  if (data.connection && data.connectionCheck) {
    const [current] = await ctx.db.select().from(handlers).where(eq(handlers.id, data.handlerId));
    if (!current) throw notFound("Processing module not found");
    const { values } = nextConnection(current, data.connection);
    check = { ...(await probeConnection(current.module, values, now(ctx))), probed: JSON.stringify(values) };
    if (!check.ok && data.connectionCheck !== "save_anyway") throw checkFailed(check);
  }
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(handlers).where(eq(handlers.id, data.handlerId)).for("update");
    if (!before) throw notFound("Processing module not found");
    if (data.name) {
      const [taken] = await tx.select({ id: handlers.id }).from(handlers).where(and(eq(handlers.name, data.name), ne(handlers.id, before.id)));
      if (taken) throw new ValidationError({ name: ["A processing module with this name exists"] });
    }
    const next = data.connection ? nextConnection(before, data.connection) : null;
    if (check && next && JSON.stringify(next.values) !== check.probed) throw conflict("The connection was changed by someone else while it was checked: check and save again");
    const health = check
      ? { health: check.ok ? ("healthy" as const) : ("failing" as const), healthMessage: check.ok ? null : check.message, healthCheckedAt: check.checkedAt }
      : next?.changed
        ? { health: "unknown" as const, healthMessage: null, healthCheckedAt: now(ctx) }
        : {};
    const [after] = await tx
      .update(handlers)
      .set({
        name: data.name ?? before.name,
        connection: next?.plain ?? before.connection,
        secrets: next ? next.secrets : before.secrets,
        dataCenter: data.dataCenter === undefined ? before.dataCenter : data.dataCenter || null,
        departmentId: data.departmentId === undefined ? before.departmentId : data.departmentId,
        priority: data.priority ?? before.priority,
        maxRunning: data.maxRunning ?? before.maxRunning,
        updatedAt: now(ctx),
        ...health,
      })
      .where(eq(handlers.id, before.id))
      .returning();
    const view = (h: StoredHandler) => ({ name: h.name, connection: h.connection, dataCenter: h.dataCenter, departmentId: h.departmentId, priority: h.priority, maxRunning: h.maxRunning, health: h.health });
    await audit(tx, ctx.actor, { action: "handler.update", entity: "handler", entityId: before.id, before: view(before), after: { ...view(after!), credentialsChanged: next?.credentialsChanged ?? [] } });
    const { secrets: _s, ...rest } = after!;
    return { ...rest, check: check && withoutProbed(check) };
  });
}

const withoutProbed = ({ probed: _p, ...check }: CheckResult & { probed: string }): CheckResult => check;
