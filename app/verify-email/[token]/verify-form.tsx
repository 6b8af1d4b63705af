"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { verifyEmailAction, type VerifyState } from "./actions";

/** A button, not a visit, confirms: mail scanners that open links do not use the token up. */
export function VerifyForm({ token }: { token: string }) {
  const [state, action] = useActionState(verifyEmailAction, {} as VerifyState);
  const t = useTranslations("verifyEmail");
  return (
    <form action={action} className="flex flex-col gap-4">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText={t("confirming")}>{t("submit")}</SubmitButton>
    </form>
  );
}
