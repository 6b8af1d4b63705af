"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { resetPasswordAction, type ResetState } from "./actions";

export function ResetForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, {} as ResetState);
  const t = useTranslations("accountLinks");
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.error && (
        <Notice tone="error">
          {state.error} <Link href="/forgot-password" className="underline">{t("askNew")}</Link>
        </Notice>
      )}
      <input type="hidden" name="token" value={token} />
      <Field name="password" label={t("newPassword")} type="password" autoComplete="new-password" required hint={t("newHint")} errors={state.fields?.password} />
      <SubmitButton pendingText={t("saving")}>{t("saveNew")}</SubmitButton>
    </form>
  );
}
