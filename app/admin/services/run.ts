import type { Ctx } from "@/lib/services/context";
import { changePlan } from "@/lib/services/services/change-plan";
import { addonFormStep } from "@/lib/services/services/addon-form";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { resumeService } from "@/lib/services/services/resume";
import { suspendService } from "@/lib/services/services/suspend";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { attempt, num, text, type FormState } from "../form-state";

/** Suspend, resume, close or sync now: queues the operation; the runner does it. */
export function runServiceOperation(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const kind = text(form, "kind");
    const { id, created } = await requestServiceOperation({ ctx, input: { serviceId: num(form, "serviceId"), kind } });
    return { ok: true, message: t(created ? "adminService.done.queued" : "adminService.done.already", { id }) };
  });
}

/** Suspend for a reason: the operation is queued when the service is active; the reason is kept either way. */
export function runSuspendService(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const { id } = await suspendService({ ctx, input: { serviceId: num(form, "serviceId"), reason: text(form, "reason"), note: text(form, "note") || undefined } });
    return { ok: true, message: id === null ? t("adminService.done.reasonRecorded") : t("adminService.done.suspending", { id }) };
  });
}

/** Lifts one reason (or all the service's own): the service is resumed once none is left. */
export function runResumeService(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const reason = text(form, "reason");
    const { id, remaining } = await resumeService({ ctx, input: { serviceId: num(form, "serviceId"), reasons: reason ? [reason] : undefined } });
    if (id !== null) return { ok: true, message: t("adminService.done.resuming", { id }) };
    return { ok: true, message: remaining.length ? t("adminService.done.stillSuspended", { count: remaining.length }) : t("adminService.done.lifted") };
  });
}

/** Changes a client's plan for them: the client's balance takes the difference, the change runs as an operation. */
export function runChangePlan(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const done = await changePlan({ ctx, input: { serviceId: num(form, "serviceId"), tariffId: text(form, "tariffId") } });
    return { ok: true, message: t("adminService.done.changing", { tariff: done.tariffName, id: done.operationId, details: done.message }) };
  });
}

/** Adds or removes add-on units for the client: first the amounts to confirm, then (step=change) the change. */
export function runChangeAddons(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState & { confirm?: string; addons?: Record<string, number> }> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const answer = await addonFormStep(ctx, form, "the client's", locale);
    return "operationId" in answer ? { ok: true, message: t("adminService.done.addons", { details: answer.message, id: answer.operationId }) } : { ok: true, ...answer };
  });
}
