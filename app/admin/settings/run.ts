import type { Ctx } from "@/lib/services/context";
import { updateSettings } from "@/lib/services/settings/update";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { attempt, num, text, type FormState } from "../form-state";

export function runUpdateSettings(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const input = {
      retryIntervalSeconds: num(form, "retryIntervalSeconds"),
      maxAttempts: num(form, "maxAttempts"),
      syncIntervalSeconds: num(form, "syncIntervalSeconds"),
      graceDays: num(form, "graceDays"),
      unpaidOrderDays: num(form, "unpaidOrderDays"),
      invoiceNumberFormat: text(form, "invoiceNumberFormat") || undefined,
      invoiceDueDays: num(form, "invoiceDueDays"),
      creditNoteNumberFormat: text(form, "creditNoteNumberFormat") || undefined,
      reminderDaysBefore: num(form, "reminderDaysBefore"),
      reminderDaysAfter: num(form, "reminderDaysAfter"),
      // Blank keeps the current default: writeSettings cannot store a JSON null yet (see the report).
      defaultDepartmentId: num(form, "defaultDepartmentId"),
    };
    await updateSettings({ ctx, input: Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) });
    return { ok: true, message: translatorFor(locale)("adminSettings.done.saved") };
  });
}
