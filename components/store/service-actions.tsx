"use client";

import { useActionState, useState } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";

export type ActionState = { message?: string; error?: string };
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Props = {
  serviceId: number;
  autoRenew: boolean;
  /** Renewing now, with the question that names the price and the new expiry; null when it cannot be renewed. */
  renewal: { label: string; confirm: string } | null;
  /** A close request in progress; `withdrawable` until closing has started. */
  closing: { withdrawable: boolean } | null;
  actions: { renew: Action; autoRenew: Action; close: Action; withdrawClose: Action };
  /** What closing gives back, now and at the end of the paid period, said before asking. */
  closeTerms?: { now: string; periodEnd: string };
};

function Result({ state }: { state: ActionState }) {
  if (state.error) return <Notice tone="error">{state.error}</Notice>;
  if (state.message) return <FleetingNotice news={state}>{state.message}</FleetingNotice>;
  return null;
}

/** Renew (after a confirmation with price and new expiry), auto-renew on or off, close with a confirmation, or keep a service being closed. */
export function ServiceActions({ serviceId, autoRenew, renewal, closing, actions, closeTerms }: Props) {
  const [renewState, renew] = useActionState(actions.renew, {});
  const [autoState, toggle] = useActionState(actions.autoRenew, {});
  const [closeState, close] = useActionState(actions.close, {});
  const [withdrawState, withdraw] = useActionState(actions.withdrawClose, {});
  const [confirming, setConfirming] = useState<"renew" | "close" | null>(null);
  const hidden = <input type="hidden" name="serviceId" value={serviceId} />;
  if (closing) {
    return (
      <form action={withdraw}>
        <Result state={withdrawState} />
        {hidden}
        {closing.withdrawable ? (
          <SubmitButton variant="secondary" pendingText="Withdrawing…">Keep this service</SubmitButton>
        ) : (
          <p className="text-sm text-slate-700">Closing has started and can no longer be stopped.</p>
        )}
      </form>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      {renewal && (
        <form action={renew} onSubmit={() => setConfirming(null)}>
          <Result state={renewState} />
          {hidden}
          {confirming === "renew" ? (
            <div className="flex flex-col gap-2">
              <p className="text-sm text-slate-700" data-testid="renew-confirm">{renewal.confirm}</p>
              <div className="flex flex-wrap gap-2">
                <SubmitButton pendingText="Renewing…">Yes, renew</SubmitButton>
                <Button variant="ghost" onClick={() => setConfirming(null)}>Not now</Button>
              </div>
            </div>
          ) : (
            <Button onClick={() => setConfirming("renew")}>{renewal.label}…</Button>
          )}
        </form>
      )}
      <form action={toggle}>
        <Result state={autoState} />
        {hidden}
        <input type="hidden" name="autoRenew" value={autoRenew ? "off" : "on"} />
        <p className="mb-2 text-sm text-slate-700">
          Automatic renewal from the balance is <strong>{autoRenew ? "on" : "off"}</strong>.
        </p>
        <SubmitButton variant="secondary" pendingText="Saving…">
          {autoRenew ? "Turn auto-renew off" : "Turn auto-renew on"}
        </SubmitButton>
      </form>
      <form action={close}>
        <Result state={closeState} />
        {hidden}
        {confirming === "close" ? (
          <div className="flex flex-col gap-2" data-testid="close-confirm">
            <p className="text-sm text-slate-700">The service and its data will be removed. Close it?</p>
            {closeTerms && (
              <ul className="list-disc pl-5 text-sm text-slate-700">
                <li><strong>Close now:</strong> {closeTerms.now}</li>
                <li><strong>Close at the end of the paid period:</strong> {closeTerms.periodEnd}</li>
              </ul>
            )}
            <div className="flex flex-wrap items-center gap-2">
              <SubmitButton name="when" value="now" pendingText="Closing…" className="bg-red-600 hover:bg-red-500">Close now</SubmitButton>
              {closeTerms && <SubmitButton name="when" value="period_end" variant="secondary" pendingText="Saving…">Close at the end of the period</SubmitButton>}
              <Button variant="ghost" onClick={() => setConfirming(null)}>Keep it</Button>
            </div>
          </div>
        ) : (
          <Button variant="secondary" onClick={() => setConfirming("close")}>Close this service…</Button>
        )}
      </form>
    </div>
  );
}
