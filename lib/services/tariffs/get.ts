import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { handlers, tariffHandlers, tariffPrices, tariffResources, tariffs } from "../../db/schema";
import { notFound } from "../../errors";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { saleState } from "./on-sale";
import { loadOtherPrices } from "./price-lists";

export const tariffIdInput = z.object({ tariffId: z.coerce.number().int().positive().max(2_147_483_647) });

/** One tariff for the editor: prices, resources and add-ons, and its handlers. */
export async function getTariff({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { tariffId } = parseInput(tariffIdInput, input);
  const [tariff] = await ctx.db.select().from(tariffs).where(eq(tariffs.id, tariffId));
  if (!tariff) throw notFound("Tariff not found");
  const prices = await ctx.db.select().from(tariffPrices).where(eq(tariffPrices.tariffId, tariffId)).orderBy(asc(tariffPrices.months));
  const resources = await ctx.db.select().from(tariffResources).where(eq(tariffResources.tariffId, tariffId)).orderBy(asc(tariffResources.id));
  const linked = await ctx.db
    .select({ id: handlers.id, name: handlers.name, module: handlers.module, enabled: handlers.enabled, template: tariffHandlers.template })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(eq(tariffHandlers.tariffId, tariffId))
    .orderBy(asc(handlers.id));
  return {
    ...tariff,
    prices: prices.map(({ months, price }) => ({ months, price })),
    resources: resources.map(({ id: _id, tariffId: _t, ...r }) => r),
    otherPrices: await loadOtherPrices(ctx.db, tariffId),
    handlers: linked,
    handlerIds: linked.map((h) => h.id),
    ...saleState(tariff, linked),
  };
}

export type TariffView = Awaited<ReturnType<typeof getTariff>>;
