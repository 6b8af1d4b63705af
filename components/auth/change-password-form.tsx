"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import { changePasswordAction, type ChangePasswordState } from "./change-password-actions";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, {} as ChangePasswordState);
  const t = useTranslations("account.security");
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.done && <FleetingNotice news={state}>{t("changed")}</FleetingNotice>}
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <Field name="currentPassword" label={t("current")} type="password" autoComplete="current-password" required errors={state.fields?.currentPassword} />
      <Field name="newPassword" label={t("new")} type="password" autoComplete="new-password" required hint={t("newHint")} errors={state.fields?.newPassword} />
      <SubmitButton pendingText={t("saving")}>{t("submit")}</SubmitButton>
    </form>
  );
}
