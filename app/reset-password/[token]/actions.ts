"use server";

import { redirect } from "next/navigation";
import { anonymousCtx } from "@/lib/services/request-context";
import { resetPassword } from "@/lib/services/users/reset-password";
import { ValidationError, type FieldErrors } from "@/lib/errors";

export type ResetState = { fields?: FieldErrors; error?: string };

export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  const ctx = await anonymousCtx();
  try {
    await resetPassword({ ctx, input: { token: String(form.get("token") ?? ""), password: String(form.get("password") ?? "") } });
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.token ? { error: error.fields.token.join(" ") } : { fields: error.fields };
    throw error;
  }
  redirect("/sign-in?notice=password-reset");
}
