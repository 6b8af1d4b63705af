"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "../session";
import { runCreateClient, runCreditBalance, runPlaceOrder, runSuspendClient } from "./run";

export async function createClientAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreateClient(await requestCtx(), form));
}

export async function creditBalanceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreditBalance(await requestCtx(), form));
}

export async function placeOrderAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runPlaceOrder(await requestCtx(), form));
}

export async function suspendClientAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runSuspendClient(await requestCtx(), form));
}
