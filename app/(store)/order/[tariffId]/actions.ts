"use server";

import { randomUUID } from "node:crypto";
import { registrationFromForm, storeItemFromForm } from "@/lib/billing/order-domain-choice";
import { quoteOrderForm } from "@/lib/services/catalog/quote-order-form";
import { requestCtx } from "@/lib/services/request-context";
import type { QuoteState } from "@/components/store/order-form";
import { actionFailure } from "../../action-errors";

/**
 * Checks one configured tariff the way checkout will; the browser adds the answer to its cart. A site
 * whose domain is to be registered (or transferred in) brings that registration along, for one order.
 */
export async function quoteItemAction(_prev: QuoteState, form: FormData): Promise<QuoteState> {
  const item = storeItemFromForm(form);
  try {
    const quote = await quoteOrderForm({ ctx: await requestCtx(), input: { items: [item], registration: registrationFromForm(form) } });
    const items = quote.items.map((line) => ({
      tariffId: line.tariffId,
      months: line.months,
      addons: Object.fromEntries(Object.entries(line.addons).filter(([, n]) => n > 0)),
      params: line.params,
    }));
    return { items, nonce: randomUUID() };
  } catch (error) {
    const failure = actionFailure(error, "items.0.");
    return failure.fields ? { fields: failure.fields } : failure;
  }
}
