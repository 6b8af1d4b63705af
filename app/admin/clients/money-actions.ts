"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runInvoiceAction, runMoveBalance } from "./money";

export async function moveBalanceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runMoveBalance(await requestCtx(), form, await getLocale()));
}

export async function invoiceAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runInvoiceAction(await requestCtx(), form, await getLocale()));
}
