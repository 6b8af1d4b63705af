"use client";

import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import type { FieldSpec } from "@/lib/modules/contract";
import type { CheckState, SaveState } from "@/app/admin/handlers/run";
import { CheckResult, SaveCheck } from "./check-result";
import { ConnectionFields } from "./connection-fields";
import { HandlerSettingsFields, type HandlerSettings } from "./handler-settings-fields";
import { adminLabelsIn, productTypeLabels } from "./labels";
import { useConnectionCheck } from "./use-connection-check";
import type { Option } from "@/components/ui/select";

export type ModuleMeta = { kind: string; title: string; productTypes: string[]; fields: FieldSpec[]; usesTemplates: boolean };

type Props = {
  modules: ModuleMeta[];
  departments: Option[];
  createAction: (prev: SaveState, form: FormData) => Promise<SaveState>;
  checkAction: (prev: CheckState, form: FormData) => Promise<CheckState>;
};

const steps = ["productType", "module", "connection", "settings"] as const;
const stepOf = (field: string) => (field === "productType" ? 0 : field === "module" ? 1 : field.startsWith("connection.") ? 2 : 3);

/** Product type → module (those serving it) → its connection form → settings. */
export function HandlerWizard({ modules, departments, createAction, checkAction }: Props) {
  const t = useTranslations("adminHandler.form");
  const labels = adminLabelsIn(useLocale());
  const form = useRef<HTMLFormElement>(null);
  const [step, setStep] = useState(0);
  const [productType, setProductType] = useState("");
  const [kind, setKind] = useState("");
  const [connection, setConnection] = useState<Record<string, string>>({});
  const [settings, setSettings] = useState<HandlerSettings>({ name: "", dataCenter: "", departmentId: "", priority: "100", maxRunning: "50" });
  const [state, create, creating] = useActionState(createAction, {});
  useEffect(() => {
    const first = Object.keys(state.fields ?? {}).map(stepOf).sort()[0];
    if (first !== undefined) setStep(first);
  }, [state]);
  const { check, checking, view } = useConnectionCheck(checkAction);
  const checked = view(connection);
  const offered = modules.filter((m) => m.productTypes.includes(productType));
  const module = modules.find((m) => m.kind === kind);
  const canGo = [Boolean(productType), Boolean(module), true, true][step];

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (step < 3) return setStep(step + 1);
    const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(() => create(data));
  };

  return (
    <form ref={form} onSubmit={submit} noValidate className="flex flex-col gap-5">
      <ol className="flex flex-wrap gap-2 text-sm">
        {steps.map((s, i) => (
          <li key={s} aria-current={i === step ? "step" : undefined} className={`rounded-full px-3 py-1 ${i === step ? "bg-indigo-600 text-white" : "bg-slate-100 text-slate-700"}`}>
            {i + 1}. {t(`steps.${s}`)}
          </li>
        ))}
      </ol>
      {state.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          {state.error}
        </p>
      )}
      <fieldset hidden={step !== 0} className="flex flex-col gap-2">
        <legend className="mb-2 font-medium">{t("whichProduct")}</legend>
        {Object.keys(productTypeLabels).map((value) => (
          <label key={value} className="flex items-center gap-2 text-sm">
            <input type="radio" name="productType" value={value} checked={productType === value} onChange={() => { setProductType(value); setKind(""); }} />
            {labels.productType(value)}
          </label>
        ))}
      </fieldset>
      <fieldset hidden={step !== 1} className="flex flex-col gap-2">
        <legend className="mb-2 font-medium">{t("whichModule")}</legend>
        {offered.map((m) => (
          <label key={m.kind} className="flex items-center gap-2 text-sm">
            <input type="radio" name="module" value={m.kind} checked={kind === m.kind} onChange={() => { setKind(m.kind); setConnection({}); }} />
            {m.title}
            {m.usesTemplates && <span className="text-xs text-slate-500">{t("usesTemplates")}</span>}
          </label>
        ))}
      </fieldset>
      <section hidden={step !== 2} className="flex flex-col gap-4" aria-label={t("connection")}>
        {module && (
          <ConnectionFields fields={module.fields} values={connection} onChange={(k, v) => setConnection({ ...connection, [k]: v })} errors={{ ...checked.errors, ...state.fields }} />
        )}
        <div>
          <Button variant="secondary" disabled={checking || !module} onClick={() => check(new FormData(form.current!), connection)}>
            {checking ? t("checking") : t("check")}
          </Button>
        </div>
        <CheckResult state={checked.state} />
      </section>
      <section hidden={step !== 3} aria-label={t("settings")}>
        <HandlerSettingsFields values={settings} onChange={setSettings} departments={departments} errors={state.fields} />
      </section>
      <div className="flex gap-3">
        {step > 0 && (
          <Button variant="secondary" onClick={() => setStep(step - 1)}>
            {t("back")}
          </Button>
        )}
        <Button type="submit" disabled={!canGo || creating}>
          {step < 3 ? t("next") : creating ? t("creating") : t("create")}
        </Button>
      </div>
      {step === 3 && <SaveCheck state={state} saving={creating} label={t("createAnyway")} />}
    </form>
  );
}
