"use client";

import { useActionState, useState } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

export type ActionState = { message?: string; error?: string };
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;
type Props = {
  serviceId: number;
  autoRenew: boolean;
  renewLabel: string | null;
  canClose: boolean;
  actions: { renew: Action; autoRenew: Action; close: Action };
};

function Result({ state }: { state: ActionState }) {
  if (state.error) return <Notice tone="error">{state.error}</Notice>;
  if (state.message) return <Notice>{state.message}</Notice>;
  return null;
}

/** Renew now, auto-renew on or off, and closing with a confirmation step. */
export function ServiceActions({ serviceId, autoRenew, renewLabel, canClose, actions }: Props) {
  const [renewState, renew] = useActionState(actions.renew, {});
  const [autoState, toggle] = useActionState(actions.autoRenew, {});
  const [closeState, close] = useActionState(actions.close, {});
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="flex flex-col gap-4">
      {renewLabel && (
        <form action={renew}>
          <Result state={renewState} />
          <input type="hidden" name="serviceId" value={serviceId} />
          <SubmitButton pendingText="Renewing…">{renewLabel}</SubmitButton>
        </form>
      )}
      <form action={toggle}>
        <Result state={autoState} />
        <input type="hidden" name="serviceId" value={serviceId} />
        <input type="hidden" name="autoRenew" value={autoRenew ? "off" : "on"} />
        <p className="mb-2 text-sm text-slate-700">
          Automatic renewal from the balance is <strong>{autoRenew ? "on" : "off"}</strong>.
        </p>
        <SubmitButton variant="secondary" pendingText="Saving…">
          {autoRenew ? "Turn auto-renew off" : "Turn auto-renew on"}
        </SubmitButton>
      </form>
      {canClose && (
        <form action={close}>
          <Result state={closeState} />
          <input type="hidden" name="serviceId" value={serviceId} />
          {confirming ? (
            <div className="flex flex-wrap items-center gap-2">
              <p className="text-sm text-slate-700">The service and its data will be removed. Close it?</p>
              <SubmitButton pendingText="Closing…" className="bg-red-600 hover:bg-red-500">Yes, close the service</SubmitButton>
              <Button variant="ghost" onClick={() => setConfirming(false)}>Keep it</Button>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)}>Close this service…</Button>
          )}
        </form>
      )}
    </div>
  );
}
