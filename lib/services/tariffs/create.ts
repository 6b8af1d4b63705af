import { z } from "zod";
import { currencyCode } from "../../billing/currency";
import { tariffHandlers, tariffPrices, tariffResources, tariffs } from "../../db/schema";
import { periods, productTypes } from "../../vocabulary";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { checkOtherPrices, otherPricesInput, saveOtherPrices } from "./price-lists";
import { handlerRows, requireTemplateWhereNeeded, tariffTemplate } from "./template-rule";

export const tariffInput = z.object({
  productType: z.enum(productTypes),
  name: z.string().trim().min(2).max(100),
  description: z.string().trim().max(2000).default(""),
  /** The template for handlers without their own (the previous release reads only this one). */
  template: z.string().trim().max(200).nullable().optional(),
  /** The account template on each handler's panel; "" for none. A handler left out falls back to `template`. */
  templates: z.array(z.object({ handlerId: z.number().int().positive().max(2_147_483_647), template: z.string().trim().max(200) })).default([]),
  tlds: z.array(z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+$/)).default([]),
  currency: currencyCode.default("USD"),
  published: z.boolean().default(true),
  /** Sell it even with no enabled handler: staff set its services up by hand, as tasks. */
  sellWithoutHandler: z.boolean().default(false),
  /** Closing now refunds the unused time of the paid period, pro rata, to the balance. */
  refundUnusedOnClose: z.boolean().default(false),
  prices: z
    .array(z.object({ months: z.number().int().refine((m) => (periods as readonly number[]).includes(m), "Not a sold period"), price: z.number().int().min(0) }))
    .min(1, "Give at least one price"),
  resources: z
    .array(
      z.object({
        key: z.string().trim().regex(/^[a-z][a-z0-9_]*$/),
        label: z.string().trim().min(1).max(100),
        unit: z.string().trim().max(20).default(""),
        amount: z.number().int().min(0),
        addon: z.boolean().default(false),
        maxExtra: z.number().int().min(0).default(0),
        unitPrice: z.number().int().min(0).default(0),
      }),
    )
    .default([]),
  handlerIds: z.array(z.number().int().positive().max(2_147_483_647)).min(1, "Choose at least one processing module"),
  /** Prices in the other currencies the tariff is sold in; a client buys in its own currency. */
  otherPrices: otherPricesInput,
});

/** Admins add a tariff plan with its prices, resources and handlers (at least one). */
export async function createTariff({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(tariffInput, input);
  await requireTemplateWhereNeeded(ctx.db, data);
  checkOtherPrices(data.currency, data.otherPrices, data.resources);
  return ctx.db.transaction(async (tx) => {
    const [tariff] = await tx
      .insert(tariffs)
      .values({ productType: data.productType, name: data.name, description: data.description, template: tariffTemplate(data), tlds: data.tlds, currency: data.currency, published: data.published, sellWithoutHandler: data.sellWithoutHandler, refundUnusedOnClose: data.refundUnusedOnClose })
      .onConflictDoNothing()
      .returning();
    if (!tariff) throw new ValidationError({ name: ["A tariff with this name exists"] });
    await tx.insert(tariffPrices).values(data.prices.map((p) => ({ ...p, tariffId: tariff.id })));
    if (data.resources.length) await tx.insert(tariffResources).values(data.resources.map((r) => ({ ...r, tariffId: tariff.id })));
    await tx.insert(tariffHandlers).values(handlerRows(tariff.id, data));
    await saveOtherPrices(tx, tariff.id, data.otherPrices);
    await audit(tx, ctx.actor, { action: "tariff.create", entity: "tariff", entityId: tariff.id, after: data });
    return tariff;
  });
}
