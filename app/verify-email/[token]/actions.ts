"use server";

import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db";
import { verifyEmail } from "@/lib/services/users/verify-email";
import { AppError } from "@/lib/errors";

export type VerifyState = { error?: string };

export async function verifyEmailAction(_prev: VerifyState, form: FormData): Promise<VerifyState> {
  const { db } = await getDatabase();
  try {
    await verifyEmail({ ctx: { db, actor: { type: "anonymous" } }, input: { token: String(form.get("token") ?? "") } });
  } catch (error) {
    if (error instanceof AppError) return { error: "This link has expired or was already used. Try signing in; if that fails, sign up again." };
    throw error;
  }
  redirect("/sign-in?notice=verified");
}
