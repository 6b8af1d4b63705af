"use server";

import type { FormState } from "../form-state";
import type { RevealState } from "@/components/ui/reveal-email";
import { AppError } from "@/lib/errors";
import { getMail } from "@/lib/services/mail/get";
import { respond } from "../respond";
import { getLocale } from "next-intl/server";
import { requestCtx } from "@/lib/services/request-context";
import { runResendMail } from "./run";

export async function resendMailAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runResendMail(await requestCtx(), form, await getLocale()));
}

/** Shows one email with its secrets; the verb writes the audit row. */
export async function revealMailAction(_prev: RevealState, form: FormData): Promise<RevealState> {
  const ctx = await requestCtx();
  try {
    const mail = await getMail({ ctx, input: { emailId: String(form.get("emailId") ?? ""), reveal: true } });
    return { text: mail.text ?? mail.renderError ?? "" };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
