"use server";

import { redirect } from "next/navigation";
import { updateProfile } from "@/lib/services/profile/update";
import type { ProfileState } from "@/components/store/profile-form";
import { actionFailure } from "../../action-errors";
import { clientCtx } from "@/lib/services/request-context";
import { localPath } from "@/lib/local-path";
import { profileInput } from "./values";

/** Saves the signed-in client's profile; with "next" (the cart that asked for it) goes back there. */
export async function updateProfileAction(_prev: ProfileState, form: FormData): Promise<ProfileState> {
  const ctx = await clientCtx("/account/profile");
  const values = profileInput(form);
  let saved: Awaited<ReturnType<typeof updateProfile>>;
  try {
    saved = await updateProfile({ ctx, input: values });
  } catch (error) {
    return { ...actionFailure(error), values };
  }
  const next = localPath(form.get("next"));
  if (next) redirect(next);
  // The contact email stays the confirmed one; a new one waits for its link.
  return { saved: true, values: { ...values, email: saved.email }, pendingEmail: saved.pendingEmail };
}
