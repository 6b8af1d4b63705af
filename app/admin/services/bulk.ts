import type { Ctx } from "@/lib/services/context";
import { bulkServiceAction } from "@/lib/services/services/bulk-act";
import { attempt, text, type FormState } from "../form-state";
import type { Locale } from "@/lib/i18n/locales";
import { bulkSummary, ticked, type BulkDone } from "../bulk-summary";

const doneWords: Record<string, BulkDone> = { suspend: "suspended", resume: "resumed", close: "beingClosed" };

/** Suspend, resume or close the ticked services, one verb per service. */
export function runBulkServices(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const action = text(form, "action");
    const outcome = await bulkServiceAction({ ctx, input: { action, serviceIds: ticked(form, "serviceIds"), reason: text(form, "reason") || undefined, note: text(form, "note") || undefined } });
    return { ok: outcome.refused.length === 0, message: bulkSummary(outcome, doneWords[action] ?? "done", locale) };
  });
}
