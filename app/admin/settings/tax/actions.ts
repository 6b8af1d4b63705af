"use server";

import type { FormState } from "../../form-state";
import { respond } from "../../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runDeleteTaxRate, runSaveTaxRate, runUpdateTaxSettings } from "./run";

export async function saveTaxRateAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runSaveTaxRate(await requestCtx(), form, await getLocale()));
}

export async function deleteTaxRateAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runDeleteTaxRate(await requestCtx(), form, await getLocale()));
}

export async function updateTaxSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runUpdateTaxSettings(await requestCtx(), form, await getLocale()));
}
