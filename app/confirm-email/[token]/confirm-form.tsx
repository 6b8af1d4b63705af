"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { confirmContactEmailAction, type ConfirmState } from "./actions";

/** A button, not a visit, confirms: mail scanners that open links do not use the token up. */
export function ConfirmForm({ token }: { token: string }) {
  const [state, action] = useActionState(confirmContactEmailAction, {} as ConfirmState);
  const t = useTranslations("accountLinks");
  if (state.email) {
    return (
      <div role="status" className="flex flex-col gap-2 text-sm text-slate-700">
        <p>
          {t.rich("confirmed", { email: state.email, b: (chunks) => <strong>{chunks}</strong> })}
        </p>
        <Link href="/account/profile" className="font-medium text-indigo-700 hover:underline">
          {t("backProfile")}
        </Link>
      </div>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText={t("confirming")}>{t("confirm")}</SubmitButton>
    </form>
  );
}
