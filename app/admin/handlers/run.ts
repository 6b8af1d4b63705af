import { AppError } from "@/lib/errors";
import type { Ctx } from "@/lib/services/context";
import { checkHandlerConnection, type CheckResult } from "@/lib/services/handlers/check-connection";
import { createHandler } from "@/lib/services/handlers/create";
import { deleteHandler } from "@/lib/services/handlers/delete";
import { setHandlerEnabled } from "@/lib/services/handlers/set-enabled";
import { updateHandler } from "@/lib/services/handlers/update";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { attempt, flag, group, num, text, type FormState } from "../form-state";

type CheckView = Omit<CheckResult, "checkedAt"> & { checkedAt: string };
export type CheckState = FormState & { check?: CheckView };
/** A save's answer: with the connection check it ran, and `confirm` when a failing connection needs "Save anyway". */
export type SaveState = CheckState & { confirm?: "save_anyway" };

const view = (check: CheckResult): CheckView => ({ ...check, checkedAt: check.checkedAt.toISOString() });
const checkMode = (form: FormData) => (text(form, "connectionCheck") === "save_anyway" ? "save_anyway" : "run");
/** The check's own answer is shown under the form; the notice only says what was saved. */
const savedWith = (check: CheckResult | null, locale: Locale) => translatorFor(locale)(check && !check.ok ? "adminHandler.done.savedAnyway" : "adminHandler.done.saved");

/** A refused save (its connection check failed) keeps the check to show, and asks to confirm. */
function saveAttempt(fn: () => Promise<SaveState>): Promise<SaveState> {
  return attempt(async () => {
    try {
      return await fn();
    } catch (error) {
      const details = error instanceof AppError ? (error.details as { check?: CheckView; confirm?: "save_anyway" } | undefined) : undefined;
      if (error instanceof AppError && details?.confirm) return { error: error.message, code: error.code, check: details.check, confirm: details.confirm };
      throw error;
    }
  });
}

function settings(form: FormData) {
  const departmentId = num(form, "departmentId");
  return {
    name: text(form, "name"),
    dataCenter: text(form, "dataCenter") || null,
    departmentId: departmentId ?? null,
    priority: num(form, "priority"),
    maxRunning: num(form, "maxRunning"),
  };
}

export function runCreateHandler(ctx: Ctx, form: FormData): Promise<SaveState> {
  return saveAttempt(async () => {
    const input = {
      ...settings(form),
      dataCenter: text(form, "dataCenter") || undefined,
      productType: text(form, "productType"),
      module: text(form, "module"),
      connection: group(form, "connection"),
      connectionCheck: checkMode(form),
    };
    const handler = await createHandler({ ctx, input });
    return { ok: true, redirectTo: `/admin/handlers/${handler.id}?notice=${handler.check?.ok === false ? "created_failing" : "created"}` };
  });
}

export function runUpdateHandler(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<SaveState> {
  return saveAttempt(async () => {
    const { check } = await updateHandler({ ctx, input: { handlerId: num(form, "handlerId"), ...settings(form), connection: group(form, "connection"), connectionCheck: checkMode(form) } });
    return { ok: true, message: savedWith(check, locale), ...(check ? { check: view(check) } : {}) };
  });
}

/** Checks the connection typed in the form (module + connection.*), or a saved handler's as stored. */
export function runCheckConnection(ctx: Ctx, form: FormData): Promise<CheckState> {
  return attempt(async () => {
    const typed = form.has("module");
    const input = typed
      ? { handlerId: num(form, "handlerId"), module: text(form, "module"), connection: group(form, "connection") }
      : { handlerId: num(form, "handlerId") };
    const check = await checkHandlerConnection({ ctx, input });
    return { ok: true, check: view(check) };
  });
}

export function runSetHandlerEnabled(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const { enabled } = await setHandlerEnabled({ ctx, input: { handlerId: num(form, "handlerId"), enabled: flag(form, "enabled") } });
    return { ok: true, message: translatorFor(locale)(enabled ? "adminHandler.done.enabled" : "adminHandler.done.disabled") };
  });
}

export function runDeleteHandler(ctx: Ctx, form: FormData): Promise<FormState> {
  return attempt(async () => {
    await deleteHandler({ ctx, input: { handlerId: num(form, "handlerId") } });
    return { ok: true, redirectTo: "/admin/handlers?notice=deleted" };
  });
}
