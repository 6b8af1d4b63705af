import { inArray } from "drizzle-orm";
import type { Conn } from "../../db";
import { handlers } from "../../db/schema";
import type { ModuleKind } from "../../vocabulary";
import { ValidationError } from "../../errors";

/** Modules whose panel makes an account on some default when no template is named (WHM's "default" package). */
const NEEDS_TEMPLATE: ReadonlySet<ModuleKind> = new Set(["cpanel"]);

type Chosen = { handlerIds: number[]; template?: string | null; templates: { handlerId: number; template: string }[] };

/** The template a handler of the tariff opens accounts on: its own, else the tariff's. */
export function handlerTemplate(data: Chosen, handlerId: number): string | null {
  const own = data.templates.find((t) => t.handlerId === handlerId);
  return (own ? own.template : data.template)?.trim() || null;
}

/** The tariff-wide template: the one given, else the first handler's (what the previous release reads). */
export function tariffTemplate(data: Chosen): string | null {
  return data.template?.trim() || data.handlerIds.map((id) => handlerTemplate(data, id)).find(Boolean) || null;
}

/** tariff_handlers rows: a handler given its own template keeps it ("" for none); one left out falls back to the tariff's. */
export function handlerRows(tariffId: number, data: Chosen) {
  return data.handlerIds.map((handlerId) => ({ tariffId, handlerId, template: data.templates.find((t) => t.handlerId === handlerId)?.template ?? null }));
}

/** Each handler served by such a module must have an account template. */
export async function requireTemplateWhereNeeded(conn: Conn, data: Chosen): Promise<void> {
  if (data.handlerIds.length === 0) return;
  const chosen = await conn.select({ id: handlers.id, module: handlers.module, name: handlers.name }).from(handlers).where(inArray(handlers.id, data.handlerIds));
  const strict = chosen.filter((h) => NEEDS_TEMPLATE.has(h.module) && !handlerTemplate(data, h.id));
  if (strict.length) {
    const fields: Record<string, string[]> = {};
    for (const h of strict) fields[`template.${h.id}`] = [`Name the cPanel package: without one, ${h.name} would create accounts on WHM's default package`];
    throw new ValidationError({ template: Object.values(fields)[0]!, ...fields });
  }
}
