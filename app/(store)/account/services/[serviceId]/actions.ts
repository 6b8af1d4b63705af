"use server";

import { revalidatePath } from "next/cache";
import { changePlan } from "@/lib/services/services/change-plan";
import { addonFormStep } from "@/lib/services/services/addon-form";
import type { AddonChangeState } from "@/components/store/addon-change";
import { requestClose } from "@/lib/services/services/request-close";
import { revealServiceSecrets } from "@/lib/services/services/reveal-secrets";
import { setAutoRenew } from "@/lib/services/services/set-auto-renew";
import { withdrawClose } from "@/lib/services/services/withdraw-close";
import { getLocale, getTranslations } from "next-intl/server";
import { formatDateIn, formatMoneyIn } from "@/lib/i18n/format";
import { localeOr } from "@/lib/i18n/translator";
import type { ActionState } from "@/components/store/service-actions";
import type { RevealResult } from "@/components/store/secrets-panel";
import { actionFailure } from "../../../action-errors";
import { clientCtx } from "@/lib/services/request-context";

async function run(form: FormData, verb: (ctx: Awaited<ReturnType<typeof clientCtx>>, serviceId: number) => Promise<string>): Promise<ActionState> {
  const serviceId = Number(form.get("serviceId"));
  const ctx = await clientCtx(`/account/services/${serviceId}`);
  try {
    const message = await verb(ctx, serviceId);
    revalidatePath(`/account/services/${serviceId}`);
    return { message };
  } catch (error) {
    return { error: actionFailure(error).error };
  }
}

export async function autoRenewAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, async (ctx, serviceId) => {
    const { autoRenew } = await setAutoRenew({ ctx, input: { serviceId, autoRenew: form.get("autoRenew") === "on" } });
    const t = await getTranslations("closing");
    return autoRenew ? t("autoRenewOn") : t("autoRenewOff");
  });
}

export async function closeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, async (ctx, serviceId) => {
    const when = form.get("when") === "period_end" ? "period_end" : "now";
    const done = await requestClose({ ctx, input: { serviceId, when } });
    const [t, locale] = [await getTranslations("closing"), localeOr(await getLocale())];
    if (when === "period_end" && done.closesAt > new Date()) return t("runsUntil", { date: formatDateIn(locale, done.closesAt) });
    return done.refund > 0 ? t("requestedRefund", { amount: formatMoneyIn(locale, done.refund, done.currency) }) : t("requested");
  });
}

export async function withdrawCloseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, async (ctx, serviceId) => {
    await withdrawClose({ ctx, input: { serviceId } });
    return (await getTranslations("closing"))("withdrawn");
  });
}

export async function revealSecretsAction(serviceId: number): Promise<RevealResult> {
  const ctx = await clientCtx(`/account/services/${serviceId}`);
  try {
    return { secrets: await revealServiceSecrets({ ctx, input: { serviceId } }) };
  } catch (error) {
    return { error: actionFailure(error).error };
  }
}

export async function changePlanAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, async (ctx, serviceId) => {
    const done = await changePlan({ ctx, input: { serviceId, tariffId: form.get("tariffId") } });
    const [t, locale] = [await getTranslations("closing"), localeOr(await getLocale())];
    const amount = formatMoneyIn(locale, Math.abs(done.difference), done.currency);
    return t(done.difference >= 0 ? "planTaken" : "planAdded", { tariff: done.tariffName, amount });
  });
}

/** Add-ons: first the amounts to confirm, then (step=change) the change itself. */
export async function addonsAction(_prev: AddonChangeState, form: FormData): Promise<AddonChangeState> {
  const serviceId = Number(form.get("serviceId"));
  const ctx = await clientCtx(`/account/services/${serviceId}`);
  try {
    const answer = await addonFormStep(ctx, form, "your", localeOr(await getLocale()));
    if ("operationId" in answer) revalidatePath(`/account/services/${serviceId}`);
    return "operationId" in answer ? { message: answer.message } : answer;
  } catch (error) {
    return actionFailure(error);
  }
}
