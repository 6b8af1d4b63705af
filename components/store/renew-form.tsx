"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export type RenewState = { message?: string; error?: string };

export type RenewChoice = {
  months: number;
  /** "3 months" */
  period: string;
  /** "$15.00" */
  price: string;
  /** "2031-04-15" */
  paidUntil: string;
  /** What the card pays when the balance falls short ("$10.00"); null when the balance covers it. */
  difference: string | null;
};

type Props = {
  serviceId: number;
  choices: RenewChoice[];
  /** The period chosen first: the unpaid invoice's, else the service's own. */
  initial: number;
  /** How the difference is paid; null when this site takes no card payments. */
  gateway: "stripe" | "demo" | null;
  action: (prev: RenewState, form: FormData) => Promise<RenewState>;
};

/** Renew for a period the tariff sells: from the balance, or the balance plus the difference by card. */
export function RenewForm({ serviceId, choices, initial, gateway, action }: Props) {
  const [state, formAction] = useActionState(action, {});
  const [months, setMonths] = useState(initial);
  const chosen = choices.find((c) => c.months === months) ?? choices[0]!;
  const t = useTranslations("renew");
  const by = gateway === "demo" ? t("byDemo") : t("byCard");
  if (state.message) {
    return (
      <div className="flex flex-col gap-3">
        <Notice>{state.message}</Notice>
        <Link href={`/account/services/${serviceId}`} className="text-sm font-medium text-indigo-700 hover:underline">{t("back")}</Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="flex flex-col gap-4">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <input type="hidden" name="serviceId" value={serviceId} />
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-2 text-sm font-medium text-slate-800">{t("period")}</legend>
        {choices.map((c) => (
          <label key={c.months} className={`flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm ${c.months === months ? "border-indigo-500 bg-indigo-50" : "border-slate-200"}`}>
            <input type="radio" name="months" value={c.months} checked={c.months === months} onChange={() => setMonths(c.months)} />
            <span className="font-medium">{c.period}</span>
            <span>{c.price}</span>
            <span className="basis-full pl-6 text-slate-600 sm:basis-auto sm:pl-0">{t("paidUntil", { date: c.paidUntil })}</span>
          </label>
        ))}
      </fieldset>
      {chosen.difference === null ? (
        <p className="text-sm text-slate-700" data-testid="renew-summary">{t("fromBalance", { price: chosen.price, date: chosen.paidUntil })}</p>
      ) : (
        <p className="text-sm text-slate-700" data-testid="renew-summary">
          {t("short", { price: chosen.price })}{" "}
          {gateway ? t("difference", { difference: chosen.difference, by }) : t("addFirst")}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3">
        {chosen.difference === null ? (
          <SubmitButton pendingText={t("renewing")}>{t("renewFrom", { period: chosen.period })}</SubmitButton>
        ) : gateway ? (
          <SubmitButton pendingText={t("opening")}>{t("payAndRenew", { difference: chosen.difference, by })}</SubmitButton>
        ) : (
          <Link href="/account/balance" className="text-sm font-medium text-indigo-700 hover:underline">{t("addFunds")}</Link>
        )}
        <Link href={`/account/services/${serviceId}`} className="text-sm text-slate-600 hover:underline">{t("notNow")}</Link>
      </div>
      {gateway === "demo" && chosen.difference !== null && (
        <p className="text-xs text-slate-500">{t("demoNote")}</p>
      )}
    </form>
  );
}
