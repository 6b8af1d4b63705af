import { z } from "zod";
import { priceItems } from "../../billing/price";
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
  const lines = priceItems(items, (id) => catalog.find((t) => t.id === id)).map(({ tariff, ...line }) => ({
    ...line,
    tariffName: tariff.name,
    currency: tariff.currency,
  }));
  return { items: lines, total: lines.reduce((sum, l) => sum + l.price, 0), currency: lines[0]!.currency };
}

export type Quote = Awaited<ReturnType<typeof quoteItems>>;
export type QuoteInput = z.input<typeof quoteItemsInput>;
