import { asc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { handlers, productTypes, tariffHandlers, tariffPrices, tariffs } from "../../db/schema";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const listTariffsInput = z.object({ productType: z.enum(productTypes).optional() }).default({});

/** Every tariff, published or hidden, with its prices, handlers and the services sold on it. */
export async function listTariffs({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(listTariffsInput, input ?? {});
  const list = await ctx.db
    .select({ tariff: tariffs, services: sql<number>`(select count(*)::int from services s where s.tariff_id = ${tariffs.id})` })
    .from(tariffs)
    .where(data.productType ? eq(tariffs.productType, data.productType) : undefined)
    .orderBy(asc(tariffs.productType), asc(tariffs.name));
  const ids = list.map((t) => t.tariff.id);
  if (ids.length === 0) return [];
  const prices = await ctx.db.select().from(tariffPrices).where(inArray(tariffPrices.tariffId, ids)).orderBy(asc(tariffPrices.months));
  const links = await ctx.db
    .select({ tariffId: tariffHandlers.tariffId, id: handlers.id, name: handlers.name, enabled: handlers.enabled })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(inArray(tariffHandlers.tariffId, ids))
    .orderBy(asc(handlers.name));
  return list.map(({ tariff, services }) => ({
    ...tariff,
    services: Number(services),
    prices: prices.filter((p) => p.tariffId === tariff.id).map(({ months, price }) => ({ months, price })),
    handlers: links.filter((l) => l.tariffId === tariff.id).map(({ id, name, enabled }) => ({ id, name, enabled })),
  }));
}

export type TariffSummary = Awaited<ReturnType<typeof listTariffs>>[number];
