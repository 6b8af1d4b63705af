import type { Ctx } from "@/lib/services/context";
import { bulkServiceAction } from "@/lib/services/services/bulk-act";
import { attempt, text, type FormState } from "../form-state";
import { bulkSummary, ticked } from "../bulk-summary";

const doneWords: Record<string, string> = { suspend: "suspended", resume: "resumed", close: "being closed" };

/** Suspend, resume or close the ticked services, one verb per service. */
export function runBulkServices(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const action = text(form, "action");
    const outcome = await bulkServiceAction({ ctx, input: { action, serviceIds: ticked(form, "serviceIds"), reason: text(form, "reason") || undefined, note: text(form, "note") || undefined } });
    return { ok: outcome.refused.length === 0, message: bulkSummary(outcome, doneWords[action] ?? "done") };
  });
}
