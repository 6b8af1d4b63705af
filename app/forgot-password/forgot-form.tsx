"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { forgotPasswordAction, type ForgotState } from "./actions";

export function ForgotForm() {
  const [state, action] = useActionState(forgotPasswordAction, {} as ForgotState);
  const t = useTranslations("accountLinks");
  if (state.sentTo) {
    return (
      <p role="status" className="text-sm text-slate-700">
        {t.rich("forgotSent", { email: state.sentTo, b: (chunks) => <strong>{chunks}</strong> })}
      </p>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <Field name="email" label={t("email")} type="email" autoComplete="email" required defaultValue={state.email} errors={state.fields?.email} />
      <SubmitButton pendingText={t("sending")}>{t("sendLink")}</SubmitButton>
    </form>
  );
}
