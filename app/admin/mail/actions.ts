"use server";

import type { FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "../session";
import { runResendMail } from "./run";

export async function resendMailAction(_prev: FormState, form: FormData): Promise<FormState> {
  return respond(await runResendMail(await requestCtx(), form));
}
