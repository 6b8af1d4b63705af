"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runCancelSetup, runRefundService, runRetrySetup } from "./way-out";

export async function cancelSetupAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCancelSetup(await requestCtx(), form));
}

export async function retrySetupAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runRetrySetup(await requestCtx(), form, await getLocale()));
}

export async function refundServiceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runRefundService(await requestCtx(), form));
}
