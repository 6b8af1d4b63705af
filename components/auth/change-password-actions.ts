"use server";

import { currentSessionId } from "@/lib/auth/actor";
import { requestCtx } from "@/lib/services/request-context";
import { changePassword } from "@/lib/services/users/change-password";
import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";

export type ChangePasswordState = { fields?: FieldErrors; error?: string; done?: boolean };

export async function changePasswordAction(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const [ctx, keepSessionId] = await Promise.all([requestCtx(), currentSessionId()]);
  try {
    const input = { currentPassword: String(form.get("currentPassword") ?? ""), newPassword: String(form.get("newPassword") ?? ""), keepSessionId };
    await changePassword({ ctx, input });
  } catch (error) {
    if (error instanceof ValidationError) return { fields: error.fields };
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  return { done: true };
}
