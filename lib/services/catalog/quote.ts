import { z } from "zod";
import { priceItems } from "../../billing/price";
import { parseInput, type Ctx } from "../context";
import { createOrderInput } from "../orders/create";
import { listCatalog } from "./list";
import { viewerCurrency } from "./currency-note";
import { notPricedIn } from "../../billing/price-list";

export const quoteItemsInput = createOrderInput.pick({ items: true });

/**
 * Checks and prices cart items without creating anything, the way checkout will: periods and
 * add-ons within their limits, order parameters (a domain becomes punycode). Field errors are
 * keyed like createOrder's ("items.0.params.domain"). A client's cart is priced in its currency.
 */
export async function quoteItems({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { items } = parseInput(quoteItemsInput, input);
  const currency = await viewerCurrency(ctx);
  const catalog = await listCatalog({ ctx, input: currency ? { currency } : {} });
  const onSale = currency ? await listCatalog({ ctx }) : catalog;
  const lines = priceItems(items, (id) => {
    const tariff = catalog.find((t) => t.id === id);
    const sold = onSale.find((t) => t.id === id);
    if (!tariff && sold && currency) throw notPricedIn(sold.name, currency);
    return tariff;
  }).map(({ tariff, ...line }) => ({
    ...line,
    tariffName: tariff.name,
    currency: tariff.currency,
  }));
  return { items: lines, total: lines.reduce((sum, l) => sum + l.price, 0), currency: lines[0]!.currency };
}

export type Quote = Awaited<ReturnType<typeof quoteItems>>;
export type QuoteInput = z.input<typeof quoteItemsInput>;
