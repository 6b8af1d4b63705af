"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

type State = { error?: string };
type Action = (prev: State, form: FormData) => Promise<State>;

/** The demo gateway's two buttons: pay (a signed payment event) or decline. */
export function DemoGatewayForm({ label, pay, decline }: { label: string; pay: Action; decline: Action }) {
  const [payState, payAction] = useActionState(pay, {});
  const [declineState, declineAction] = useActionState(decline, {});
  const error = payState.error ?? declineState.error;
  const t = useTranslations("demoGateway");
  return (
    <div className="flex flex-col gap-3">
      {error && <Notice tone="error">{error}</Notice>}
      <div className="flex flex-wrap gap-3">
        <form action={payAction}>
          <SubmitButton pendingText={t("paying")}>{label}</SubmitButton>
        </form>
        <form action={declineAction}>
          <SubmitButton variant="secondary" pendingText={t("declining")}>{t("decline")}</SubmitButton>
        </form>
      </div>
    </div>
  );
}
