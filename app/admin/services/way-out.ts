import type { Ctx } from "@/lib/services/context";
import { refund } from "@/lib/services/balance/refund";
import { cancelSetup } from "@/lib/services/services/cancel-setup";
import { retrySetup } from "@/lib/services/services/retry-setup";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { attempt, num, text, type FormState } from "../form-state";

/** Cancel a set-up and give back what was paid (to the balance or the card). */
export function runCancelSetup(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const done = await cancelSetup({ ctx, input: { serviceId: num(form, "serviceId"), to: text(form, "to") || undefined, reason: text(form, "reason") || undefined } });
    return { ok: true, message: `${done.message}.` };
  });
}

export function runRetrySetup(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const { operationId } = await retrySetup({ ctx, input: { serviceId: num(form, "serviceId") } });
    return { ok: true, message: t("adminService.done.retried", { id: operationId }) };
  });
}

/** Refund for a service: all that is left of what was paid, or the unused time. */
export function runRefundService(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const done = await refund({ ctx, input: { serviceId: num(form, "serviceId"), mode: text(form, "mode"), to: text(form, "to") || undefined, reason: text(form, "reason") } });
    return { ok: true, message: done.message };
  });
}
