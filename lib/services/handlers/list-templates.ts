import { inArray } from "drizzle-orm";
import { z } from "zod";
import { handlers } from "../../db/schema";
import { createAttemptLog } from "../../modules/attempt-log";
import { modules } from "../../modules/registry";
import { handlerConnection } from "../../processing/load";
import { asModuleError } from "../../processing/record";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const listTemplatesInput = z.object({
  handlerIds: z.array(z.coerce.number().int().positive().max(2_147_483_647)).min(1, "Choose a processing module first").max(20),
});

export type HandlerTemplates = { handlerId: number; name: string; supported: boolean; templates: string[]; error: string | null };

/**
 * Account templates offered by the panels of the given handlers, through each module's
 * listTemplates. `templates` holds the names every reachable panel has; a panel that cannot be
 * reached reports its error, and the editor falls back to free text.
 */
export async function listHandlerTemplates({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { handlerIds } = parseInput(listTemplatesInput, input);
  const rows = await ctx.db.select().from(handlers).where(inArray(handlers.id, handlerIds)).orderBy(handlers.id);
  const results: HandlerTemplates[] = await Promise.all(
    rows.map(async (h) => {
      const module = modules[h.module];
      const base = { handlerId: h.id, name: h.name };
      if (!module?.listTemplates) return { ...base, supported: false, templates: [], error: null };
      const log = createAttemptLog();
      const connection = handlerConnection(h);
      for (const f of module.connectionFields) if (f.secret && typeof connection[f.key] === "string") log.secret(connection[f.key] as string);
      try {
        const list = await module.listTemplates(module.connection.parse(connection), log);
        return { ...base, supported: true, templates: [...new Set(list)].sort(), error: null };
      } catch (error) {
        return { ...base, supported: true, templates: [], error: log.redactError(asModuleError(error)).message };
      }
    }),
  );
  const reachable = results.filter((r) => r.supported && !r.error);
  const templates = reachable.length
    ? reachable[0]!.templates.filter((t) => reachable.every((r) => r.templates.includes(t)))
    : [];
  const usesTemplates = rows.some((h) => modules[h.module]?.usesTemplates);
  return { usesTemplates, templates, handlers: results };
}
