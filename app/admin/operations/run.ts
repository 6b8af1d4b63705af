import type { Ctx } from "@/lib/services/context";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { restartOperation } from "@/lib/services/operations/restart";
import { switchOperationToManual } from "@/lib/services/operations/switch-to-manual";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { attempt, num, type FormState } from "../form-state";

const operationId = (form: FormData) => ({ operationId: num(form, "operationId") });

export function runRestartOperation(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    await restartOperation({ ctx, input: operationId(form) });
    return { ok: true, message: t("adminOperation.done.restarted") };
  });
}

export function runSwitchToManual(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const { taskId } = await switchOperationToManual({ ctx, input: operationId(form) });
    return { ok: true, message: t("adminOperation.done.switched", { taskId }) };
  });
}

export function runCancelOperation(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const result = await cancelOperation({ ctx, input: operationId(form) });
    return { ok: true, message: result.setup?.message ?? t("adminOperation.done.cancelled") };
  });
}
