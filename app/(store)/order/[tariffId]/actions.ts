"use server";

import { randomUUID } from "node:crypto";
import { storeItemFromForm } from "@/lib/billing/order-domain-choice";
import { quoteItems } from "@/lib/services/catalog/quote";
import { requestCtx } from "@/lib/services/request-context";
import type { QuoteState } from "@/components/store/order-form";
import { actionFailure } from "../../action-errors";

/** Checks one configured tariff the way checkout will; the browser adds the answer to its cart. */
export async function quoteItemAction(_prev: QuoteState, form: FormData): Promise<QuoteState> {
  const item = storeItemFromForm(form);
  try {
    const quote = await quoteItems({ ctx: await requestCtx(), input: { items: [item] } });
    const line = quote.items[0]!;
    const cleaned = Object.fromEntries(Object.entries(line.addons).filter(([, n]) => n > 0));
    return { item: { tariffId: line.tariffId, months: line.months, addons: cleaned, params: line.params }, nonce: randomUUID() };
  } catch (error) {
    const failure = actionFailure(error, "items.0.");
    return failure.fields ? { fields: failure.fields } : failure;
  }
}
