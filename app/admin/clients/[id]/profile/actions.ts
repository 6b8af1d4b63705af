"use server";

import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { updateProfile } from "@/lib/services/profile/update";
import { setTaxExempt } from "@/lib/services/clients/set-tax-exempt";
import { attempt, flag, text, type FormState } from "@/app/admin/form-state";
import { respond } from "@/app/admin/respond";
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

/** An admin makes a client exempt from tax, with the ground printed on its invoices, or taxes it again. */
export async function setTaxExemptAction(clientId: number, _prev: FormState, form: FormData): Promise<FormState> {
  const ctx = await requestCtx();
  return respond(
    await attempt(async () => {
      const exempt = flag(form, "exempt");
      await setTaxExempt({ ctx, input: { clientId, exempt, reason: text(form, "reason") } });
      const t = await getTranslations("adminClient.done");
      return { ok: true, message: exempt ? t("exempt") : t("taxed") };
    }),
  );
}
