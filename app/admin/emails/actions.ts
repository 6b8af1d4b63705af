"use server";

import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import type { FormState } from "../form-state";
import { respond } from "../respond";
import { runPreviewEmailText, runSaveEmailText, type PreviewState } from "./run";

export async function saveEmailTextAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runSaveEmailText(await requestCtx(), form, await getLocale()));
}

/** A read (no re-render): the email as it would be sent with the texts in the form. */
export async function previewEmailTextAction(_prev: PreviewState, form: FormData): Promise<PreviewState> {
  return runPreviewEmailText(await requestCtx(), form);
}
