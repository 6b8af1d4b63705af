"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import { getLocale } from "next-intl/server";
import { refusalMessage } from "@/lib/auth/refusal-message";
import { localPath } from "@/lib/local-path";
import { parseInput } from "@/lib/services/context";
import { signInInput } from "@/lib/services/users/authenticate";
import { ValidationError, type FieldErrors } from "@/lib/errors";

export type SignInState = { fields?: FieldErrors; error?: string; email?: string };

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  try {
    parseInput(signInInput, { email, password });
  } catch (error) {
    if (error instanceof ValidationError) return { fields: error.fields, email };
    throw error;
  }
  try {
    // Without a "next", /sign-in sends a signed-in user on to their role's home.
    await signIn("credentials", { email, password, redirectTo: localPath(form.get("next")) ?? "/sign-in" });
  } catch (error) {
    if (error instanceof CredentialsSignin) return { error: refusalMessage(error.code, await getLocale()), email };
    if (error instanceof AuthError) return { error: refusalMessage(undefined, await getLocale()), email };
    throw error;
  }
  return {};
}
