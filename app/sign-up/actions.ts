"use server";

import { signIn } from "@/lib/auth";
import { getDatabase } from "@/lib/db";
import { signUp } from "@/lib/services/users/sign-up";
import { ValidationError, type FieldErrors } from "@/lib/errors";

export type SignUpState = { fields?: FieldErrors; values?: { name: string; email: string } };

export async function signUpAction(_prev: SignUpState, form: FormData): Promise<SignUpState> {
  const input = {
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const { db } = await getDatabase();
  try {
    await signUp({ ctx: { db, actor: { type: "anonymous" } }, input });
  } catch (error) {
    if (error instanceof ValidationError) return { fields: error.fields, values: { name: input.name, email: input.email } };
    throw error;
  }
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/account" });
  return {};
}
