"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runChangeAddons, runChangePlan, runResumeService, runServiceOperation, runSuspendService } from "./run";

export async function serviceOperationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runServiceOperation(await requestCtx(), form, await getLocale()));
}

export async function suspendServiceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runSuspendService(await requestCtx(), form, await getLocale()));
}

export async function resumeServiceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runResumeService(await requestCtx(), form, await getLocale()));
}

export async function changePlanAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runChangePlan(await requestCtx(), form, await getLocale()));
}

export async function changeAddonsAction(_prev: FormState, form: FormData): Promise<FormState & { confirm?: string; addons?: Record<string, number> }> {
  const state = await runChangeAddons(await requestCtx(), form, await getLocale());
  return state.confirm ? state : respond(state);
}
