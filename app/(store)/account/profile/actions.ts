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
  try {
    await updateProfile({ ctx, input: values });
  } catch (error) {
    return { ...actionFailure(error), values };
  }
  const next = localPath(form.get("next"));
  if (next) redirect(next);
  return { saved: true, values };
}
