import { count, eq, inArray, sql } from "drizzle-orm";
import { handlers, operations, services, tariffHandlers, tariffs } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { rows } from "../../db/rows";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { handlerIdInput } from "./get";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Deletes a handler that no service uses (disable it otherwise). It leaves the tariffs it served,
 * unless it is the only handler of one: a tariff keeps at least one.
 */
export async function deleteHandler({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { handlerId } = parseInput(handlerIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const [handler] = await tx.select().from(handlers).where(eq(handlers.id, handlerId)).for("update");
    if (!handler) throw notFound("Processing module not found");
    const [used] = await tx.select({ n: count() }).from(services).where(eq(services.handlerId, handlerId));
    const [ops] = await tx.select({ n: count() }).from(operations).where(eq(operations.handlerId, handlerId));
    if (Number(used!.n) > 0 || Number(ops!.n) > 0) {
      const what = Number(used!.n) > 0 ? plural(Number(used!.n), "service") : plural(Number(ops!.n), "operation");
      throw conflict(`"${handler.name}" is used by ${what}, so it cannot be deleted. Disable it instead: new services will not be sent to it.`, {
        services: Number(used!.n),
      });
    }
    const only = await rows<{ name: string }>(
      tx,
      sql`select t.name from tariff_handlers th join tariffs t on t.id = th.tariff_id
          where th.handler_id = ${handlerId}
            and not exists (select 1 from tariff_handlers o where o.tariff_id = th.tariff_id and o.handler_id <> ${handlerId})
          order by t.name`,
    );
    if (only.length > 0) {
      throw conflict(`"${handler.name}" is the only processing module of ${only.map((t) => `"${t.name}"`).join(", ")}. Give ${only.length === 1 ? "that tariff" : "those tariffs"} another one first.`);
    }
    const links = await tx.delete(tariffHandlers).where(eq(tariffHandlers.handlerId, handlerId)).returning({ tariffId: tariffHandlers.tariffId });
    await tx.delete(handlers).where(eq(handlers.id, handlerId));
    const { secrets: _s, ...before } = handler;
    const tariffIds = links.map((l) => l.tariffId);
    const names = tariffIds.length ? await tx.select({ name: tariffs.name }).from(tariffs).where(inArray(tariffs.id, tariffIds)) : [];
    await audit(tx, ctx.actor, { action: "handler.delete", entity: "handler", entityId: handlerId, before: { ...before, tariffs: names.map((t) => t.name) } });
    return { handlerId };
  });
}
