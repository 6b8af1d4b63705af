"use client";

import { startTransition, useActionState, useEffect, useId, useRef } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import type { FormState } from "@/app/admin/form-state";
import { FormResult } from "./form-result";
import { SelectField, type Option } from "@/components/ui/select";

export type FormFieldSpec = {
  name: string;
  label: string;
  type?: "text" | "email" | "password" | "date" | "select" | "checkbox" | "textarea";
  inputMode?: "numeric" | "decimal";
  options?: Option[];
  empty?: string;
  defaultValue?: string;
  hint?: string;
  autoComplete?: string;
};

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  fields: FormFieldSpec[];
  hidden?: Record<string, string | number>;
  submitLabel: string;
  /** Clears the form after it succeeded (forms that add something). */
  resetOnSuccess?: boolean;
  className?: string;
};

/** A small admin form generated from field specs, with field errors in place and the answer above. */
export function SpecForm({ action, fields, hidden = {}, submitLabel, resetOnSuccess = false, className = "" }: Props) {
  const t = useTranslations("adminForm");
  const ref = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState(action, {});
  useEffect(() => {
    if (resetOnSuccess && state.ok) ref.current?.reset();
  }, [state, resetOnSuccess]);
  const errors = state.fields ?? {};
  // Field ids from the submit label ("Credit" → credit-amount); a label without Latin letters (Russian) takes a unique id instead.
  const uid = useId().replace(/\W+/g, "");
  const prefix = submitLabel.replace(/\W+/g, "-").replace(/^-+|-+$/g, "").toLowerCase() || `form-${uid}`;
  return (
    <form
      ref={ref}
      noValidate
      className={`flex flex-col gap-4 ${className}`}
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => dispatch(data));
      }}
    >
      <FormResult state={state} shownFields={fields.map((f) => f.name)} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => {
        const id = `${prefix}-${f.name}`.replace(/\W+/g, "-").toLowerCase();
        if (f.type === "select") {
          return <SelectField key={f.name} id={id} name={f.name} label={f.label} options={f.options ?? []} empty={f.empty} defaultValue={f.defaultValue} hint={f.hint} errors={errors[f.name]} />;
        }
        if (f.type === "textarea") {
          return (
            <div key={f.name} className="flex flex-col gap-1">
              <label htmlFor={id} className="text-sm font-medium text-slate-800">{f.label}</label>
              <textarea id={id} name={f.name} rows={4} defaultValue={f.defaultValue} aria-invalid={errors[f.name] ? true : undefined} aria-describedby={`${id}-hint`} className="rounded-md border border-slate-300 px-3 py-2 text-base sm:text-sm" />
              <p id={`${id}-hint`} className={errors[f.name] ? "text-sm text-red-600" : "text-xs text-slate-500"}>{errors[f.name] ? errors[f.name]!.join(" ") : f.hint}</p>
            </div>
          );
        }
        if (f.type === "checkbox") {
          return (
            <label key={f.name} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={f.name} defaultChecked={f.defaultValue === "true"} />
              {f.label}
            </label>
          );
        }
        return (
          <Field key={f.name} id={id} name={f.name} label={f.label} type={f.type ?? "text"} inputMode={f.inputMode} defaultValue={f.defaultValue} hint={f.hint} autoComplete={f.autoComplete} errors={errors[f.name]} />
        );
      })}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("working") : submitLabel}
        </Button>
      </div>
    </form>
  );
}
