"use server";

import { anonymousCtx } from "@/lib/services/request-context";
import { confirmContactEmail } from "@/lib/services/profile/confirm-email";
import { AppError } from "@/lib/errors";

export type ConfirmState = { error?: string; email?: string };

export async function confirmContactEmailAction(_prev: ConfirmState, form: FormData): Promise<ConfirmState> {
  const ctx = await anonymousCtx();
  try {
    const { email } = await confirmContactEmail({ ctx, input: { token: String(form.get("token") ?? "") } });
    return { email };
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}
