"use client";

import { startTransition, useActionState } from "react";
import { Field } from "@/components/ui/input";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import type { FieldSpec } from "@/lib/modules/contract";
import type { TaskActionState } from "@/app/board/task-actions";

type Action = (state: TaskActionState, form: FormData) => Promise<TaskActionState>;

const inputType: Record<NonNullable<FieldSpec["kind"]>, string> = {
  text: "text", password: "password", url: "url", ip: "text", date: "date", number: "text", email: "email",
};

/**
 * The closing form, generated from the module's service fields: secret fields are password inputs,
 * and closeTask's errors (keyed "fields.<key>") show next to their inputs. The form is submitted by
 * hand, not through its action prop, so React does not reset it: what staff typed (a password too)
 * stays in the inputs after an error.
 */
export function CloseTaskForm({ action, taskId, fields }: { action: Action; taskId: number; fields: FieldSpec[] }) {
  const [state, formAction, pending] = useActionState(action, {});
  const errors = state.fields ?? {};
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
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? "Closing…" : "Close task"}
        </Button>
      </div>
    </form>
  );
}
