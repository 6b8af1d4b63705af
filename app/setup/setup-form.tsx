"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { createFirstAdminAction, type SetupState } from "./actions";

export function SetupForm() {
  const [state, action] = useActionState(createFirstAdminAction, {} as SetupState);
  const errors = state.fields ?? {};
  const t = useTranslations("setup");
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
