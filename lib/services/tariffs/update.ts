import { and, eq, inArray, ne } from "drizzle-orm";
import { handlers, tariffHandlers, tariffPrices, tariffResources, tariffs } from "../../db/schema";
import { notFound, ValidationError } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";
import { tariffInput } from "./create";
import { getTariff, tariffIdInput } from "./get";
import { checkOtherPrices, saveOtherPrices } from "./price-lists";
import { handlerRows, requireTemplateWhereNeeded, tariffTemplate } from "./template-rule";

export const updateTariffInput = tariffInput.omit({ productType: true }).extend(tariffIdInput.shape);

/**
 * Admins change a tariff as a whole: its fields, prices, resources and handlers (at least one,
 * each serving the tariff's product type). The product type stays.
 */
export async function updateTariff({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(updateTariffInput, input);
  const before = await getTariff({ ctx, input: { tariffId: data.tariffId } });
  const chosen = await ctx.db.select().from(handlers).where(inArray(handlers.id, data.handlerIds));
  const wrong = data.handlerIds.filter((id) => chosen.find((h) => h.id === id)?.productType !== before.productType);
  if (wrong.length) throw new ValidationError({ handlerIds: [`Choose processing modules that serve ${before.productType}`] });
  await requireTemplateWhereNeeded(ctx.db, data);
  const months = data.prices.map((p) => p.months);
  if (new Set(months).size !== months.length) throw new ValidationError({ prices: ["Give each period one price"] });
  const keys = data.resources.map((r) => r.key);
  if (new Set(keys).size !== keys.length) throw new ValidationError({ resources: ["Give each resource its own key"] });
  checkOtherPrices(data.currency, data.otherPrices, data.resources);
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .select({ id: tariffs.id })
      .from(tariffs)
      .where(and(eq(tariffs.productType, before.productType), eq(tariffs.name, data.name), ne(tariffs.id, data.tariffId)));
    if (taken) throw new ValidationError({ name: ["A tariff with this name exists"] });
    const [tariff] = await tx
      .update(tariffs)
      .set({ name: data.name, description: data.description, template: tariffTemplate(data), tlds: data.tlds, currency: data.currency, published: data.published, sellWithoutHandler: data.sellWithoutHandler, refundUnusedOnClose: data.refundUnusedOnClose, updatedAt: now(ctx) })
      .where(eq(tariffs.id, data.tariffId))
      .returning();
    if (!tariff) throw notFound("Tariff not found");
    await tx.delete(tariffPrices).where(eq(tariffPrices.tariffId, tariff.id));
    await tx.insert(tariffPrices).values(data.prices.map((p) => ({ ...p, tariffId: tariff.id })));
    await tx.delete(tariffResources).where(eq(tariffResources.tariffId, tariff.id));
    if (data.resources.length) await tx.insert(tariffResources).values(data.resources.map((r) => ({ ...r, tariffId: tariff.id })));
    await tx.delete(tariffHandlers).where(eq(tariffHandlers.tariffId, tariff.id));
    await tx.insert(tariffHandlers).values(handlerRows(tariff.id, data));
    await saveOtherPrices(tx, tariff.id, data.otherPrices);
    const { handlers: _h, createdAt: _c, updatedAt: _u, noEnabledHandler: _n, onSale: _o, ...was } = before;
    const { tariffId: _t, ...fields } = data;
    await audit(tx, ctx.actor, { action: "tariff.update", entity: "tariff", entityId: tariff.id, before: was, after: { id: tariff.id, productType: tariff.productType, ...fields } });
    return tariff;
  });
}
