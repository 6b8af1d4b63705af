import type { Ctx } from "@/lib/services/context";
import { changePlan } from "@/lib/services/services/change-plan";
import { addonFormStep } from "@/lib/services/services/addon-form";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { resumeService } from "@/lib/services/services/resume";
import { suspendService } from "@/lib/services/services/suspend";
import { attempt, num, text, type FormState } from "../form-state";

/** Suspend, resume, close or sync now: queues the operation; the runner does it. */
export function runServiceOperation(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const kind = text(form, "kind");
    const { id, created } = await requestServiceOperation({ ctx, input: { serviceId: num(form, "serviceId"), kind } });
    return { ok: true, message: created ? `Queued: operation #${id}` : `Already in progress: operation #${id}` };
  });
}

/** Suspend for a reason: the operation is queued when the service is active; the reason is kept either way. */
export function runSuspendService(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const { id } = await suspendService({ ctx, input: { serviceId: num(form, "serviceId"), reason: text(form, "reason"), note: text(form, "note") || undefined } });
    return { ok: true, message: id === null ? "Reason recorded: the service stays suspended (or is suspended once set up)." : `Being suspended: operation #${id}` };
  });
}

/** Lifts one reason (or all the service's own): the service is resumed once none is left. */
export function runResumeService(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const reason = text(form, "reason");
    const { id, remaining } = await resumeService({ ctx, input: { serviceId: num(form, "serviceId"), reasons: reason ? [reason] : undefined } });
    if (id !== null) return { ok: true, message: `Being resumed: operation #${id}` };
    return { ok: true, message: remaining.length ? `Reason lifted; still suspended for ${remaining.length === 1 ? "another reason" : `${remaining.length} other reasons`}.` : "Reason lifted." };
  });
}

/** Changes a client's plan for them: the client's balance takes the difference, the change runs as an operation. */
export function runChangePlan(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    const done = await changePlan({ ctx, input: { serviceId: num(form, "serviceId"), tariffId: text(form, "tariffId") } });
    return { ok: true, message: `Changing to ${done.tariffName}: operation #${done.operationId}. ${done.message}.` };
  });
}

/** Adds or removes add-on units for the client: first the amounts to confirm, then (step=change) the change. */
export function runChangeAddons(ctx: Ctx, form: FormData): Promise<FormState & { confirm?: string; addons?: Record<string, number> }> {
  return attempt(async () => {
    const answer = await addonFormStep(ctx, form, "the client's");
    return "operationId" in answer ? { ok: true, message: `${answer.message} Operation #${answer.operationId}.` } : { ok: true, ...answer };
  });
}
