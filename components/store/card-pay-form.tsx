"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import type { FieldErrors } from "@/lib/errors";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field } from "@/components/ui/input";

export type CardPayState = { error?: string; fields?: FieldErrors };
type Props = { action: (prev: CardPayState, form: FormData) => Promise<CardPayState>; label: string; invoiceId?: number; currency?: string; demo: boolean };

/** Pays an invoice, or adds funds, by card: the gateway's page opens; with no card gateway set up, the demo one. */
export function CardPayForm({ action, label, invoiceId, currency, demo }: Props) {
  const [state, formAction] = useActionState(action, {});
  const t = useTranslations("pay");
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      {state.error && !state.fields && <Notice tone="error">{state.error}</Notice>}
      {invoiceId !== undefined ? (
        <input type="hidden" name="invoiceId" value={invoiceId} />
      ) : (
        <Field name="amount" label={currency ? t("amountIn", { currency }) : t("amount")} inputMode="decimal" autoComplete="off" placeholder="50.00" required errors={state.fields?.amount} className="max-w-xs" />
      )}
      <div>
        <SubmitButton variant={invoiceId !== undefined ? "secondary" : "primary"} pendingText={t("opening")}>{label}</SubmitButton>
      </div>
      {demo && (
        <p className="text-xs text-slate-500">
          {t("demoNote")}
        </p>
      )}
    </form>
  );
}
