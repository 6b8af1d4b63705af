"use server";

import { getTranslations } from "next-intl/server";
import { setUserDisabled } from "@/lib/services/users/set-disabled";
import { attempt, text, type FormState } from "../form-state";
import { respond } from "../respond";
import { requestCtx } from "@/lib/services/request-context";

/** Disable or enable a staff or client user ("disabled" is "true" or "false"). */
export async function setUserDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ctx = await requestCtx();
  const t = await getTranslations("adminStaff.done");
  return respond(
    await attempt(async () => {
      const result = await setUserDisabled({ ctx, input: { userId: text(form, "userId"), disabled: text(form, "disabled") } });
      return { ok: true, message: result.disabled ? t("disabled") : t("enabled") };
    }),
  );
}
