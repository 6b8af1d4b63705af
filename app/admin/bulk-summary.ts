import type { BulkOutcome } from "@/lib/services/bulk";
import { translateMessage } from "@/lib/i18n/errors";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

export type BulkDone = "suspended" | "resumed" | "beingClosed" | "restarted" | "cancelled" | "done";

/** "3 suspended, 1 refused: #12 A closed service cannot be suspended", in the reader's language. */
export function bulkSummary(outcome: BulkOutcome, done: BulkDone, locale: Locale = "en"): string {
  const t = translatorFor(locale);
  const count = outcome.done.length;
  if (outcome.refused.length === 0) return t(`adminShared.bulk.done.${done}`, { count });
  const why = outcome.refused.map((r) => `#${r.id} ${translateMessage(r.why, locale)}`).join("; ");
  return t("adminShared.bulk.refused", { done: t(`adminShared.bulk.done.${done}`, { count }), count: outcome.refused.length, why });
}

/** The ids ticked in a list's form, as numbers (anything else fails the verb's check). */
export const ticked = (form: FormData, key: string) => form.getAll(key).map((v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v));
