"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runCancelOperation, runRestartOperation, runSwitchToManual } from "./run";

export async function restartOperationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runRestartOperation(await requestCtx(), form, await getLocale()));
}

export async function switchToManualAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runSwitchToManual(await requestCtx(), form, await getLocale()));
}

export async function cancelOperationAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCancelOperation(await requestCtx(), form, await getLocale()));
}
