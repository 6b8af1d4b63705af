import { inArray } from "drizzle-orm";
import type { Conn } from "../../db";
import { handlers } from "../../db/schema";
import type { ModuleKind } from "../../vocabulary";
import { ValidationError } from "../../errors";

/** Modules whose panel makes an account on some default when no template is named (WHM's "default" package). */
const NEEDS_TEMPLATE: ReadonlySet<ModuleKind> = new Set(["cpanel"]);

/** A tariff served by such a module must name its account template. */
export async function requireTemplateWhereNeeded(conn: Conn, handlerIds: number[], template: string | null | undefined): Promise<void> {
  if (template?.trim() || handlerIds.length === 0) return;
  const chosen = await conn.select({ module: handlers.module, name: handlers.name }).from(handlers).where(inArray(handlers.id, handlerIds));
  const strict = chosen.find((h) => NEEDS_TEMPLATE.has(h.module));
  if (strict) {
    throw new ValidationError({ template: [`Name the cPanel package: without one, ${strict.name} would create accounts on WHM's default package`] });
  }
}
