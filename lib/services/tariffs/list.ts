import { asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { handlers, services, tariffHandlers, tariffPrices, tariffs } from "../../db/schema";
import { productTypes } from "../../vocabulary";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { saleState } from "./on-sale";

export const listTariffsInput = z.object({ productType: z.enum(productTypes).optional() }).default({});

/**
 * Every tariff, published or hidden, with its prices, handlers, the services sold on it, and
 * whether the store sells it (`noEnabledHandler`, `onSale`).
 */
export async function listTariffs({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(listTariffsInput, input ?? {});
  const list = await ctx.db
    .select({ tariff: tariffs })
    .from(tariffs)
    .where(data.productType ? eq(tariffs.productType, data.productType) : undefined)
    .orderBy(asc(tariffs.productType), asc(tariffs.name));
  const ids = list.map((t) => t.tariff.id);
  if (ids.length === 0) return [];
  const counts = await ctx.db.select({ tariffId: services.tariffId, n: count() }).from(services).where(inArray(services.tariffId, ids)).groupBy(services.tariffId);
  const sold = new Map(counts.map((c) => [c.tariffId, Number(c.n)]));
  const prices = await ctx.db.select().from(tariffPrices).where(inArray(tariffPrices.tariffId, ids)).orderBy(asc(tariffPrices.months));
  const links = await ctx.db
    .select({ tariffId: tariffHandlers.tariffId, id: handlers.id, name: handlers.name, enabled: handlers.enabled, template: tariffHandlers.template })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(inArray(tariffHandlers.tariffId, ids))
    .orderBy(asc(handlers.name));
  return list.map(({ tariff }) => {
    const linked = links.filter((l) => l.tariffId === tariff.id).map(({ id, name, enabled, template: own }) => ({ id, name, enabled, template: (own ?? tariff.template) || null }));
    return {
      ...tariff,
      services: sold.get(tariff.id) ?? 0,
      prices: prices.filter((p) => p.tariffId === tariff.id).map(({ months, price }) => ({ months, price })),
      handlers: linked,
      ...saleState(tariff, linked),
    };
  });
}

export type TariffSummary = Awaited<ReturnType<typeof listTariffs>>[number];
