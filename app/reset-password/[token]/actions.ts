"use server";

import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db";
import { resetPassword } from "@/lib/services/users/reset-password";
import { ValidationError, type FieldErrors } from "@/lib/errors";

export type ResetState = { fields?: FieldErrors; error?: string };

export async function resetPasswordAction(_prev: ResetState, form: FormData): Promise<ResetState> {
  const { db } = await getDatabase();
  try {
    await resetPassword({ ctx: { db, actor: { type: "anonymous" } }, input: { token: String(form.get("token") ?? ""), password: String(form.get("password") ?? "") } });
  } catch (error) {
    if (error instanceof ValidationError) return error.fields.token ? { error: error.fields.token.join(" ") } : { fields: error.fields };
    throw error;
  }
  redirect("/sign-in?notice=password-reset");
}
