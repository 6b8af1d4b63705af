"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import type { ActionState } from "./service-actions";

export type PlanChoice = { tariffId: number; label: string; confirm: string };
/** `busy`: something is in progress on the service (a change running), so nothing can be chosen now. */
type Props = { serviceId: number; choices: PlanChoice[]; busy?: boolean; action: (prev: ActionState, form: FormData) => Promise<ActionState> };

/** The plans a service can change to; one is chosen, its amounts are shown, and only a second click changes it. */
export function PlanChange({ serviceId, choices, busy, action }: Props) {
  const [state, change] = useActionState(action, {});
  const [chosen, setChosen] = useState<PlanChoice | null>(null);
  const t = useTranslations("planChange");
  return (
    <form action={change} onSubmit={() => setChosen(null)} className="flex flex-col gap-2" data-testid="plan-change">
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.message && <FleetingNotice news={state}>{state.message}</FleetingNotice>}
      <input type="hidden" name="serviceId" value={serviceId} />
      {chosen ? (
        <>
          <input type="hidden" name="tariffId" value={chosen.tariffId} />
          <p className="text-sm text-slate-700" data-testid="plan-confirm">{chosen.confirm}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton pendingText={t("changing")}>{t("yes")}</SubmitButton>
            <Button variant="ghost" onClick={() => setChosen(null)}>{t("notNow")}</Button>
          </div>
        </>
      ) : busy ? (
        <p className="text-sm text-slate-600">{t("busy")}</p>
      ) : choices.length ? (
        <div className="flex flex-wrap gap-2">
          {choices.map((c) => <Button key={c.tariffId} variant="secondary" onClick={() => setChosen(c)}>{c.label}…</Button>)}
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("none")}</p>
      )}
    </form>
  );
}
