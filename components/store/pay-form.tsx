"use client";

import Link from "next/link";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export type PayState = { error?: string; insufficient?: boolean };

/** Pays an order from the balance; a double click pays once (the verb locks the order). */
export function PayForm({ orderId, label, action }: { orderId: number; label: string; action: (prev: PayState, form: FormData) => Promise<PayState> }) {
  const [state, formAction] = useActionState(action, {});
  const t = useTranslations("pay");
  return (
    <form action={formAction}>
      {state.error && (
        <Notice tone="error">
          {state.error}
          {state.insufficient && (
            <>
              {" "}
              {t.rich("orCard", { add: (chunks) => <Link href="/account/balance" className="font-medium underline">{chunks}</Link> })}
            </>
          )}
        </Notice>
      )}
      <input type="hidden" name="orderId" value={orderId} />
      <SubmitButton pendingText={t("paying")}>{label}</SubmitButton>
    </form>
  );
}
