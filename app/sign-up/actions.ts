"use server";

import { requestInfo } from "@/lib/auth/request-info";
import { browserLocale } from "@/lib/i18n/request-locale";
import { anonymousCtx } from "@/lib/services/request-context";
import { signUp } from "@/lib/services/users/sign-up";
import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";

export type SignUpState = { fields?: FieldErrors; error?: string; values?: { name: string; email: string }; sentTo?: string };

/** The same answer whether or not the email was new: "check your email". */
export async function signUpAction(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  const input = {
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const ctx = await anonymousCtx();
  try {
    await signUp({ ctx, input: { ...input, ...(await requestInfo()), locale: await browserLocale() } });
  } catch (error) {
    const values = { name: input.name, email: input.email };
    if (error instanceof ValidationError) return { fields: error.fields, values };
    if (error instanceof AppError) return { error: error.message, values };
    throw error;
  }
  return { sentTo: input.email.trim() };
}
