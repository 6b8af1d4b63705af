"use server";

import { redirect } from "next/navigation";
import { anonymousCtx } from "@/lib/services/request-context";
import { verifyEmail } from "@/lib/services/users/verify-email";
import { AppError } from "@/lib/errors";

export type VerifyState = { error?: string };

export async function verifyEmailAction(_prev: VerifyState, form: FormData): Promise<VerifyState> {
  const ctx = await anonymousCtx();
  try {
    await verifyEmail({ ctx, input: { token: String(form.get("token") ?? "") } });
  } catch (error) {
    if (error instanceof AppError) return { error: "This link has expired or was already used. Try signing in; if that fails, sign up again." };
    throw error;
  }
  redirect("/sign-in?notice=verified");
}
