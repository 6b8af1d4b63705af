"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runUpdateSettings } from "./run";

export async function updateSettingsAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runUpdateSettings(await requestCtx(), form, await getLocale()));
}
