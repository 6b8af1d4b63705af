"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button, SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import { Field } from "@/components/ui/input";
import type { FieldErrors } from "@/lib/errors";

/** One add-on of the service's plan; `price`: an extra unit's monthly price in words. */
export type AddonField = { key: string; label: string; unit: string; included: number; extra: number; maxExtra: number; price: string };
export type AddonChangeState = { message?: string; error?: string; fields?: FieldErrors; confirm?: string; addons?: Record<string, number> };
type Props = { serviceId: number; addons: AddonField[]; busy?: boolean; action: (prev: AddonChangeState, form: FormData) => Promise<AddonChangeState> };

/**
 * The add-ons of a service: the extra units it should have are typed, the prorated amounts are shown,
 * and only a second click changes them.
 */
export function AddonChange({ serviceId, addons, busy, action }: Props) {
  const [state, send] = useActionState(action, {});
  const [dismissed, setDismissed] = useState<AddonChangeState | null>(null);
  const t = useTranslations("addonChange");
  const confirming = state.confirm && state.addons && dismissed !== state ? state : null;
  if (busy && !confirming && !state.message) return <p className="text-sm text-slate-600">{t("busy")}</p>;
  return (
    <form action={send} className="flex flex-col gap-3" data-testid="addon-change" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.message && <FleetingNotice news={state}>{state.message}</FleetingNotice>}
      <input type="hidden" name="serviceId" value={serviceId} />
      {confirming ? (
        <>
          {Object.entries(confirming.addons!).map(([key, n]) => <input key={key} type="hidden" name={`addons.${key}`} value={n} />)}
          <p className="text-sm text-slate-700" data-testid="addon-confirm">{confirming.confirm}</p>
          <div className="flex flex-wrap gap-2">
            <SubmitButton name="step" value="change" pendingText={t("changing")}>{t("yes")}</SubmitButton>
            <Button variant="ghost" onClick={() => setDismissed(confirming)}>{t("notNow")}</Button>
          </div>
        </>
      ) : (
        <>
          {addons.map((a) => (
            <Field
              key={a.key}
              name={`addons.${a.key}`}
              id={`service-addon-${a.key}`}
              label={a.unit ? t("extraUnit", { label: a.label, unit: a.unit }) : t("extra", { label: a.label })}
              type="number"
              inputMode="numeric"
              min={0}
              max={a.maxExtra}
              step={1}
              defaultValue={a.extra}
              hint={`${a.included}${a.unit ? ` ${a.unit}` : ""} included, ${a.extra} extra now; 0 to ${a.maxExtra}${a.unit ? ` ${a.unit}` : ""} at ${a.price} per ${a.unit || "unit"} a month.`}
              errors={state.fields?.[`addons.${a.key}`]}
            />
          ))}
          <div>
            <SubmitButton name="step" value="quote" variant="secondary" pendingText={t("working")}>{t("show")}</SubmitButton>
          </div>
        </>
      )}
    </form>
  );
}
