"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { signUpAction, type SignUpState } from "./actions";

/** demo: no email leaves this machine, so say where the link is. */
export function SignUpForm({ demo = false }: { demo?: boolean }) {
  const [state, action] = useActionState(signUpAction, {} as SignUpState);
  const t = useTranslations("signUp");
  if (state.sentTo) {
    return (
      <div role="status" className="flex flex-col gap-2 text-sm text-slate-700">
        <p className="text-base font-medium text-slate-900">{t("checkEmail")}</p>
        <p>{t.rich("sent", { email: state.sentTo, b: (chunks) => <strong>{chunks}</strong> })}</p>
        {demo && <p>{t("demo")}</p>}
      </div>
    );
  }
  const errors = state.fields ?? {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <Field name="name" label={t("name")} autoComplete="name" required defaultValue={state.values?.name} errors={errors.name} />
      <Field name="email" label={t("email")} type="email" autoComplete="email" required defaultValue={state.values?.email} errors={errors.email} />
      <Field
        name="password"
        label={t("password")}
        type="password"
        autoComplete="new-password"
        required
        hint={t("passwordHint")}
        errors={errors.password}
      />
      <SubmitButton pendingText={t("creating")}>{t("submit")}</SubmitButton>
    </form>
  );
}
