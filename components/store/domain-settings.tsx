"use client";

import { useActionState, useState, useTransition } from "react";
import { Button, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { RevealResult } from "./secrets-panel";

export type DomainActionState = { message?: string; error?: string };
type Action = (prev: DomainActionState, form: FormData) => Promise<DomainActionState>;

export type DomainSettingsView = {
  offered: string[];
  nameservers: string[];
  waitingNameservers: string[];
  locked: boolean | null;
  /** A change still running (its words), or one that stopped for a person. */
  busy: string | null;
};

type Props = {
  serviceId: number;
  domain: string;
  view: DomainSettingsView;
  /** One action for every change: the form's `action` field says which. */
  change: Action;
  reveal: () => Promise<RevealResult>;
};

function Result({ state }: { state: DomainActionState }) {
  if (state.error) return <Notice tone="error">{state.error}</Notice>;
  if (state.message) return <Notice>{state.message}</Notice>;
  return null;
}

/** Name servers, transfer lock, auth code and owner contact of a registered domain, for its owner or staff. */
export function DomainSettings({ serviceId, domain, view, change, reveal }: Props) {
  const [state, submit] = useActionState(change, {});
  const [code, setCode] = useState<RevealResult | null>(null);
  const [pending, startTransition] = useTransition();
  const can = (action: string) => view.offered.includes(action);
  const hidden = (action: string) => (
    <>
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="action" value={action} />
    </>
  );
  // A change still running keeps the others until it is done (one change at a time per domain).
  const off = view.busy !== null ? { disabled: true } : {};
  return (
    <div className="flex flex-col gap-4 text-sm" data-testid="domain-settings">
      <Result state={state} />
      {view.busy && <Notice tone="warning">{view.busy}</Notice>}
      {can("nameservers") && (
        <form action={submit} className="flex flex-col gap-2">
          {hidden("nameservers")}
          <label htmlFor="domain-ns" className="font-medium text-slate-800">Name servers</label>
          <textarea
            id="domain-ns" name="nameservers" rows={4} required
            defaultValue={[...view.nameservers, ...view.waitingNameservers].join("\n")}
            className="rounded-md border border-slate-300 px-3 py-2 font-mono"
          />
          <p className="text-slate-600">
            One per line. A name server under {domain} (such as ns1.{domain}) needs its IP address after the name: ns1.{domain} 192.0.2.1
          </p>
          {view.waitingNameservers.length > 0 && (
            <Notice tone="warning">Not in use yet: {view.waitingNameservers.join(", ")}. They are under the domain and need an IP address.</Notice>
          )}
          <div><SubmitButton variant="secondary" {...off} pendingText="Saving…">Change name servers</SubmitButton></div>
        </form>
      )}
      {can("lock") && (
        <form action={submit} className="flex flex-col gap-2">
          {hidden("lock")}
          <input type="hidden" name="locked" value={view.locked === false ? "on" : "off"} />
          <p className="font-medium text-slate-800">Transfer lock: {view.locked === null ? "unknown" : view.locked ? "on" : "off"}</p>
          <p className="text-slate-600">While the lock is on, nobody can move the domain to another registrar. Turn it off only to transfer it away.</p>
          <div><SubmitButton variant="secondary" {...off} pendingText="Saving…">{view.locked === false ? "Turn the lock on" : "Turn the lock off"}</SubmitButton></div>
        </form>
      )}
      {can("authcode") && (
        <div className="flex flex-col gap-2">
          <p className="font-medium text-slate-800">Auth code</p>
          <p className="text-slate-600">The code another registrar asks for to transfer the domain. Showing it is recorded.</p>
          {code?.error && <p className="text-red-600" role="alert">{code.error}</p>}
          {code?.secrets && <p className="break-all font-mono" data-testid="auth-code">{code.secrets.authInfo ?? "No auth code yet"}</p>}
          <div className="flex flex-wrap gap-2">
            {code?.secrets ? (
              <Button variant="secondary" onClick={() => setCode(null)}>Hide the auth code</Button>
            ) : (
              <Button variant="secondary" disabled={pending} onClick={() => startTransition(async () => setCode(await reveal()))}>{pending ? "Loading…" : "Show the auth code"}</Button>
            )}
            <form action={submit}>
              {hidden("authcode")}
              <SubmitButton variant="secondary" {...off} pendingText="Asking…">New auth code</SubmitButton>
            </form>
          </div>
        </div>
      )}
      {can("contact") && (
        <form action={submit} className="flex flex-col gap-2">
          {hidden("contact")}
          <p className="font-medium text-slate-800">Owner details</p>
          <p className="text-slate-600">The registry holds the name, address, email and phone of your profile. They are sent again whenever you change your profile.</p>
          <div><SubmitButton variant="secondary" {...off} pendingText="Sending…">Send my profile again</SubmitButton></div>
        </form>
      )}
      {view.offered.length === 0 && <p className="text-slate-600">This domain&apos;s registrar does not take changes from here: ask support.</p>}
    </div>
  );
}
