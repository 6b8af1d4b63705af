"use server";

import { redirect } from "next/navigation";
import { anonymousCtx } from "@/lib/services/request-context";
import { unlockSignIn } from "@/lib/services/users/unlock-sign-in";
import { AppError } from "@/lib/errors";

export type UnlockState = { error?: string };

export async function unlockSignInAction(_prev: UnlockState, form: FormData): Promise<UnlockState> {
  const ctx = await anonymousCtx();
  try {
    await unlockSignIn({ ctx, input: { token: String(form.get("token") ?? "") } });
  } catch (error) {
    if (error instanceof AppError) return { error: "This link has expired or was already used. The lock ends by itself after 15 minutes, or reset your password." };
    throw error;
  }
  redirect("/sign-in?notice=unlocked");
}
