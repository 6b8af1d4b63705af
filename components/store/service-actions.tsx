"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";

export type ActionState = { message?: string; error?: string };
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Props = {
  serviceId: number;
  autoRenew: boolean;
  /** Renewing: the link to the renewal page (any period sold, from the balance or by card) with what it costs now; null when it cannot be renewed. */
  renewal: { label: string; note: string; href: string } | null;
  /** A close request in progress; `withdrawable` until closing has started. */
  closing: { withdrawable: boolean } | null;
  actions: { autoRenew: Action; close: Action; withdrawClose: Action };
  /** What closing gives back, now and at the end of the paid period, said before asking. */
  closeTerms?: { now: string; periodEnd: string };
};

function Result({ state }: { state: ActionState }) {
  if (state.error) return <Notice tone="error">{state.error}</Notice>;
  if (state.message) return <FleetingNotice news={state}>{state.message}</FleetingNotice>;
  return null;
}

/** Renew (on the renewal page), auto-renew on or off, close with a confirmation, or keep a service being closed. */
export function ServiceActions({ serviceId, autoRenew, renewal, closing, actions, closeTerms }: Props) {
  const [autoState, toggle] = useActionState(actions.autoRenew, {});
  const [closeState, close] = useActionState(actions.close, {});
  const [withdrawState, withdraw] = useActionState(actions.withdrawClose, {});
  const [confirming, setConfirming] = useState<"close" | null>(null);
  const t = useTranslations("serviceActions");
  const hidden = <input type="hidden" name="serviceId" value={serviceId} />;
  if (closing) {
    return (
      <form action={withdraw}>
        <Result state={withdrawState} />
        {hidden}
        {closing.withdrawable ? (
          <SubmitButton variant="secondary" pendingText={t("withdrawing")}>{t("keep")}</SubmitButton>
        ) : (
          <p className="text-sm text-slate-700">{t("started")}</p>
        )}
      </form>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {renewal && (
        <div className="flex flex-col gap-2">
          <p className="text-sm text-slate-700" data-testid="renew-note">{renewal.note}</p>
          <div>
            <Link href={renewal.href} className="inline-flex items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">{renewal.label}</Link>
          </div>
        </div>
      )}
      <form action={toggle}>
        <Result state={autoState} />
        {hidden}
        <input type="hidden" name="autoRenew" value={autoRenew ? "off" : "on"} />
        <p className="mb-2 text-sm text-slate-700">
          Automatic renewal from the balance is <strong>{autoRenew ? "on" : "off"}</strong>.
        </p>
        <SubmitButton variant="secondary" pendingText={t("saving")}>
          {autoRenew ? t("autoOff") : t("autoOn")}
        </SubmitButton>
      </form>
      <form action={close}>
        <Result state={closeState} />
        {hidden}
        {confirming === "close" ? (
          <div className="flex flex-col gap-2" data-testid="close-confirm">
            <p className="text-sm text-slate-700">{t("confirm")}</p>
            {closeTerms && (
              <ul className="list-disc pl-5 text-sm text-slate-700">
                <li>{t.rich("closeNowTerm", { terms: closeTerms.now, b: (chunks) => <strong>{chunks}</strong> })}</li>
                <li>{t.rich("periodEndTerm", { terms: closeTerms.periodEnd, b: (chunks) => <strong>{chunks}</strong> })}</li>
              </ul>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <SubmitButton name="when" value="now" pendingText={t("closing")} className="bg-red-600 hover:bg-red-500">{t("closeNow")}</SubmitButton>
              {closeTerms && <SubmitButton name="when" value="period_end" variant="secondary" pendingText={t("saving")}>{t("closeAtEnd")}</SubmitButton>}
              <Button variant="ghost" onClick={() => setConfirming(null)}>{t("keepIt")}</Button>
            </div>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming("close")}>{t("close")}</Button>
        )}
      </form>
    </div>
  );
}
