import { z } from "zod";
import { normalizeOrderParams } from "../../billing/order-params";
import { priceItem } from "../../billing/price";
import { notFound, ValidationError } from "../../errors";
import { parseInput, type Ctx } from "../context";
import { createOrderInput } from "../orders/create";
import { listCatalog } from "./list";

export const quoteItemsInput = createOrderInput.pick({ items: true });

/**
 * Checks and prices cart items without creating anything, the way checkout will: periods and
 * add-ons within their limits, order parameters (a domain becomes punycode). Field errors are
 * keyed like createOrder's ("items.0.params.domain").
 */
export async function quoteItems({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { items } = parseInput(quoteItemsInput, input);
  const catalog = await listCatalog({ ctx });
  const lines = items.map((item, index) => {
    const tariff = catalog.find((t) => t.id === item.tariffId);
    if (!tariff) throw notFound(`Tariff ${item.tariffId} not found`);
    const field = `items.${index}`;
    const params = normalizeOrderParams(tariff.productType, tariff.tlds, item.params, `${field}.params`);
    try {
      const price = priceItem(tariff.prices, tariff.resources, item);
      return { ...item, params, price, tariffName: tariff.name, currency: tariff.currency };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [`${field}.${k}`, v])));
    }
  });
  return { items: lines, total: lines.reduce((sum, l) => sum + l.price, 0), currency: lines[0]!.currency };
}

export type Quote = Awaited<ReturnType<typeof quoteItems>>;
export type QuoteInput = z.input<typeof quoteItemsInput>;
