"use server";

import { signIn } from "@/lib/auth";
import { AppError, ValidationError, type FieldErrors } from "@/lib/errors";
import { anonymousCtx } from "@/lib/services/request-context";
import { createFirstAdmin } from "@/lib/services/users/create-first-admin";

export type SetupState = { fields?: FieldErrors; error?: string; values?: { name: string; email: string } };

/** The first-run screen's form: creates the first admin (refused once one exists) and signs them in. */
export async function createFirstAdminAction(_prev: SetupState, form: FormData): Promise<SetupState> {
  const input = {
    name: String(form.get("name") ?? ""),
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
  };
  const values = { name: input.name, email: input.email };
  const ctx = await anonymousCtx();
  try {
    await createFirstAdmin({ ctx, input });
  } catch (error) {
    if (error instanceof ValidationError) return { fields: error.fields, values };
    if (error instanceof AppError) return { error: error.message, values };
    throw error;
  }
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/admin" });
  return {};
}
