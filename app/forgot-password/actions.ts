"use server";

import { requestInfo } from "@/lib/auth/request-info";
import { anonymousCtx } from "@/lib/services/request-context";
import { requestPasswordReset } from "@/lib/services/users/request-password-reset";
import { ValidationError, type FieldErrors } from "@/lib/errors";

export type ForgotState = { fields?: FieldErrors; email?: string; sentTo?: string };

export async function forgotPasswordAction(_prev: ForgotState, form: FormData): Promise<ForgotState> {
  const email = String(form.get("email") ?? "");
  const ctx = await anonymousCtx();
  try {
    await requestPasswordReset({ ctx, input: { email, ...(await requestInfo()) } });
  } catch (error) {
    if (error instanceof ValidationError) return { fields: error.fields, email };
    throw error;
  }
  return { sentTo: email.trim() };
}
