"use client";

import { useActionState, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("domainSettings");
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
          <label htmlFor="domain-ns" className="font-medium text-slate-800">{t("nameservers")}</label>
          <textarea
            id="domain-ns" name="nameservers" rows={4} required
            defaultValue={[...view.nameservers, ...view.waitingNameservers].join("\n")}
            className="rounded-md border border-slate-300 px-3 py-2 font-mono"
          />
          <p className="text-slate-600">
            {t("nameserversHint", { domain })}
          </p>
          {view.waitingNameservers.length > 0 && (
            <Notice tone="warning">{t("nameserversWaiting", { names: view.waitingNameservers.join(", ") })}</Notice>
          )}
          <div><SubmitButton variant="secondary" {...off} pendingText={t("saving")}>{t("changeNameservers")}</SubmitButton></div>
        </form>
      )}
      {can("lock") && (
        <form action={submit} className="flex flex-col gap-2">
          {hidden("lock")}
          <input type="hidden" name="locked" value={view.locked === false ? "on" : "off"} />
          <p className="font-medium text-slate-800">{t("lockState", { state: view.locked === null ? "unknown" : view.locked ? "on" : "off" })}</p>
          <p className="text-slate-600">{t("lockHint")}</p>
          <div><SubmitButton variant="secondary" {...off} pendingText={t("saving")}>{view.locked === false ? t("lockOn") : t("lockOff")}</SubmitButton></div>
        </form>
      )}
      {can("authcode") && (
        <div className="flex flex-col gap-2">
          <p className="font-medium text-slate-800">{t("authCode")}</p>
          <p className="text-slate-600">{t("authCodeHint")}</p>
          {code?.error && <p className="text-red-600" role="alert">{code.error}</p>}
          {code?.secrets && <p className="break-all font-mono" data-testid="auth-code">{code.secrets.authInfo ?? t("noAuthCode")}</p>}
          <div className="flex flex-wrap gap-2">
            {code?.secrets ? (
              <Button variant="secondary" onClick={() => setCode(null)}>{t("hideAuthCode")}</Button>
            ) : (
              <Button variant="secondary" disabled={pending} onClick={() => startTransition(async () => setCode(await reveal()))}>{pending ? t("loading") : t("showAuthCode")}</Button>
            )}
            <form action={submit}>
              {hidden("authcode")}
              <SubmitButton variant="secondary" {...off} pendingText={t("asking")}>{t("newAuthCode")}</SubmitButton>
            </form>
          </div>
        </div>
      )}
      {can("contact") && (
        <form action={submit} className="flex flex-col gap-2">
          {hidden("contact")}
          <p className="font-medium text-slate-800">{t("owner")}</p>
          <p className="text-slate-600">{t("ownerHint")}</p>
          <div><SubmitButton variant="secondary" {...off} pendingText={t("sending")}>{t("sendProfile")}</SubmitButton></div>
        </form>
      )}
      {view.offered.length === 0 && <p className="text-slate-600">{t("noChanges")}</p>}
    </div>
  );
}
