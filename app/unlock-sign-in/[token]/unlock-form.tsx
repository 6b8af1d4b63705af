"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { unlockSignInAction, type UnlockState } from "./actions";

/** A button, not a visit, lifts the lock: mail scanners that open links do not use the token up. */
export function UnlockForm({ token }: { token: string }) {
  const [state, action] = useActionState(unlockSignInAction, {} as UnlockState);
  const t = useTranslations("accountLinks");
  return (
    <form action={action} className="flex flex-col gap-4">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText={t("unlocking")}>{t("unlock")}</SubmitButton>
    </form>
  );
}
