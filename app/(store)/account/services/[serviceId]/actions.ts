"use server";

import { revalidatePath } from "next/cache";
import { changePlan } from "@/lib/services/services/change-plan";
import { addonFormStep } from "@/lib/services/services/addon-form";
import type { AddonChangeState } from "@/components/store/addon-change";
import { requestClose } from "@/lib/services/services/request-close";
import { revealServiceSecrets } from "@/lib/services/services/reveal-secrets";
import { setAutoRenew } from "@/lib/services/services/set-auto-renew";
import { withdrawClose } from "@/lib/services/services/withdraw-close";
import { formatAmount } from "@/lib/billing/ledger";
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
    return autoRenew ? "Auto-renew is on." : "Auto-renew is off.";
  });
}

export async function closeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, async (ctx, serviceId) => {
    const when = form.get("when") === "period_end" ? "period_end" : "now";
    const done = await requestClose({ ctx, input: { serviceId, when } });
    if (when === "period_end" && done.closesAt > new Date()) return `The service runs until ${done.closesAt.toISOString().slice(0, 10)}, then closes. Nothing is refunded.`;
    return done.refund > 0 ? `Closing requested; ${formatAmount(done.refund, done.currency)} for the unused time is back on your balance.` : "Closing requested; the service is being closed.";
  });
}

export async function withdrawCloseAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  return run(form, async (ctx, serviceId) => {
    await withdrawClose({ ctx, input: { serviceId } });
    return "Close request withdrawn: the service stays. Auto-renew is off; turn it on if you want it renewed.";
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
    return `Changing to ${done.tariffName}: ${done.difference >= 0 ? `${formatAmount(done.difference, done.currency)} was taken from` : `${formatAmount(-done.difference, done.currency)} was added to`} your balance. The new plan applies once the change is done.`;
  });
}

/** Add-ons: first the amounts to confirm, then (step=change) the change itself. */
export async function addonsAction(_prev: AddonChangeState, form: FormData): Promise<AddonChangeState> {
  const serviceId = Number(form.get("serviceId"));
  const ctx = await clientCtx(`/account/services/${serviceId}`);
  try {
    const answer = await addonFormStep(ctx, form, "your");
    if ("operationId" in answer) revalidatePath(`/account/services/${serviceId}`);
    return "operationId" in answer ? { message: answer.message } : answer;
  } catch (error) {
    return actionFailure(error);
  }
}
