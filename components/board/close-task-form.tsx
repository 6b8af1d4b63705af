"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { FieldSpec } from "@/lib/modules/contract";
import type { TaskActionState } from "@/app/board/task-actions";

type Action = (state: TaskActionState, form: FormData) => Promise<TaskActionState>;

const inputType: Record<NonNullable<FieldSpec["kind"]>, string> = {
  text: "text", password: "password", url: "url", ip: "text", date: "date", number: "text", email: "email",
};

/**
 * The closing form, generated from the module's service fields: secret fields are password inputs,
 * and closeTask's errors (keyed "fields.<key>") show next to their inputs.
 */
export function CloseTaskForm({ action, taskId, fields }: { action: Action; taskId: number; fields: FieldSpec[] }) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fields ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="taskId" value={taskId} />
      {state.error && <Notice tone="error">{state.error}</Notice>}
      {state.ok && <Notice>{state.ok}</Notice>}
      <div className="grid gap-4 sm:grid-cols-2">
        {fields.map((f) => (
          <Field
            key={f.key}
            id={`field-${f.key}`}
            name={`fields.${f.key}`}
            label={f.required ? `${f.label} (required)` : f.label}
            type={f.secret ? "password" : inputType[f.kind ?? "text"]}
            autoComplete={f.secret ? "new-password" : "off"}
            placeholder={f.placeholder}
            required={f.required}
            defaultValue={f.secret ? undefined : state.values?.[f.key]}
            errors={errors[`fields.${f.key}`]}
          />
        ))}
      </div>
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        Note for the service history (optional)
        <textarea
          name="note"
          rows={2}
          maxLength={2000}
          defaultValue={state.values?.note}
          className="rounded-md border border-slate-300 px-3 py-2 text-base font-normal sm:text-sm"
        />
      </label>
      <div>
        <SubmitButton pendingText="Closing…">Close task</SubmitButton>
      </div>
    </form>
  );
}
