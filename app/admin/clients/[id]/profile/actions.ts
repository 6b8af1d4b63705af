"use server";

import { redirect } from "next/navigation";
import { updateProfile } from "@/lib/services/profile/update";
import type { ProfileState } from "@/components/store/profile-form";
import { actionFailure } from "@/app/(store)/action-errors";
import { profileInput } from "@/app/(store)/account/profile/values";
import { requestCtx } from "@/lib/services/request-context";

/** An admin saves a client's profile through the same verb as the client's own form. */
export async function updateClientProfileAction(clientId: number, _prev: ProfileState, form: FormData): Promise<ProfileState> {
  const ctx = await requestCtx();
  const values = profileInput(form);
  try {
    await updateProfile({ ctx, input: { ...values, clientId } });
  } catch (error) {
    return { ...actionFailure(error), values };
  }
  redirect(`/admin/clients/${clientId}?notice=profile`);
}
