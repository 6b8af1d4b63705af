"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runCreateTariff, runLoadTemplates, runUpdateTariff, type TemplatesState } from "./run";

export async function createTariffAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runCreateTariff(await requestCtx(), form));
}

export async function updateTariffAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runUpdateTariff(await requestCtx(), form, await getLocale()));
}

/** A read for the editor (no re-render): the templates the chosen handlers' panels offer. */
export async function loadTemplatesAction(handlerIds: number[]): Promise<TemplatesState> {
  return runLoadTemplates(await requestCtx(), handlerIds);
}
