"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { signInAction, type SignInState } from "./actions";

export function SignInForm({ next }: { next?: string }) {
  const [state, action] = useActionState(signInAction, {} as SignInState);
  const t = useTranslations("signIn");
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {next && <input type="hidden" name="next" value={next} />}
      <Field name="email" label={t("email")} type="email" autoComplete="email" required defaultValue={state.email} errors={state.fields?.email} />
      <Field name="password" label={t("password")} type="password" autoComplete="current-password" required errors={state.fields?.password} />
      <SubmitButton pendingText={t("signingIn")}>{t("submit")}</SubmitButton>
    </form>
  );
}
