import type { Ctx } from "@/lib/services/context";
import { bulkOperationAction } from "@/lib/services/operations/bulk-act";
import { attempt, text, type FormState } from "../form-state";
import type { Locale } from "@/lib/i18n/locales";
import { bulkSummary, ticked } from "../bulk-summary";

/** Restart or cancel the ticked operations, one verb per operation. */
export function runBulkOperations(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const action = text(form, "action");
    const outcome = await bulkOperationAction({ ctx, input: { action, operationIds: ticked(form, "operationIds") } });
    return { ok: outcome.refused.length === 0, message: bulkSummary(outcome, action === "restart" ? "restarted" : "cancelled", locale) };
  });
}
