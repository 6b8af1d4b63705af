"use client";

import { startTransition, useActionState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import type { FormField } from "@/lib/services/tasks/prefill";
import type { OperationKind } from "@/lib/vocabulary";
import type { TaskActionState } from "@/app/board/task-actions";

type Action = (state: TaskActionState, form: FormData) => Promise<TaskActionState>;

const inputType: Record<NonNullable<FormField["kind"]>, string> = {
  text: "text", password: "password", url: "url", ip: "text", date: "date", number: "text", email: "email",
};

/**
 * The closing form, generated from the module's service fields (prefilled with what is known):
 * secret fields are password inputs, and closeTask's errors (keyed "fields.<key>") show next to
 * their inputs. What goes to the client and the internal note are apart, each saying who reads it.
 * The form is submitted by hand, not through its action prop, so React does not reset it: what staff
 * typed (a password too) stays in the inputs after an error.
 */
export function CloseTaskForm({ action, taskId, kind, fields }: { action: Action; taskId: number; kind: OperationKind; fields: FormField[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fields ?? {};
  const t = useTranslations("taskClose");
  return (
    <form
      className="flex flex-col gap-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="taskId" value={taskId} />
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.ok && <FleetingNotice news={state}>{state.ok}</FleetingNotice>}
      {fields.length > 0 && (
        <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold text-slate-900">{t("forClient")}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            {fields.map((f) => (
              <Field
                key={f.key}
                id={`field-${f.key}`}
                name={`fields.${f.key}`}
                label={f.required ? t("required", { label: f.label }) : f.label}
                type={f.secret ? "password" : inputType[f.kind ?? "text"]}
                autoComplete={f.secret ? "new-password" : "off"}
                placeholder={f.placeholder}
                required={f.required}
                defaultValue={f.secret ? undefined : (state.values?.[f.key] ?? f.value)}
                errors={errors[`fields.${f.key}`]}
              />
            ))}
          </div>
        </fieldset>
      )}
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        {t("note")}
        <textarea
          name="note"
          rows={2}
          maxLength={2000}
          defaultValue={state.values?.note}
          className="rounded-md border border-slate-300 px-3 py-2 text-base font-normal sm:text-sm"
        />
      </label>
      <div>
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? t("closing") : t(`kind.${kind}.button`)}
        </Button>
      </div>
    </form>
  );
}
