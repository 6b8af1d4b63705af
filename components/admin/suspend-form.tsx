"use client";

import { useActionState } from "react";
import type { FormState } from "@/app/admin/form-state";
import { FormResult } from "@/components/admin/form-result";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { suspensionReasons } from "@/lib/vocabulary";
import { suspensionReasonLabels } from "./suspension-labels";
import { useConfirm } from "@/components/ui/confirm-dialog";

export { suspensionReasonLabels };

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  values: Record<string, string | number | boolean>;
  label: string;
  /** Asked in the confirmation dialog before the action runs. */
  confirm: string;
};

/** Suspend (a service or a whole client): a reason from the closed list, a note the client reads, and a confirmation. */
export function SuspendForm({ action, values, label, confirm }: Props) {
  const [state, dispatch] = useActionState(action, {});
  const { guard, dialog } = useConfirm();
  return (
    <form action={dispatch} onSubmit={(e) => guard(e, confirm)} className="flex max-w-md flex-col gap-2">
      {dialog}
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      <SelectField
        name="reason"
        label="Reason"
        required
        empty="Choose a reason"
        defaultValue=""
        options={suspensionReasons.map((r) => ({ value: r, label: suspensionReasonLabels[r] }))}
        errors={state.fields?.reason}
      />
      <Field name="note" label="Note for the client (optional)" maxLength={500} hint="Shown to the client beside the reason." errors={state.fields?.note} />
      <div>
        <SubmitButton variant="secondary" pendingText="Suspending…">
          {label}
        </SubmitButton>
      </div>
      <FormResult state={state} shownFields={["reason", "note"]} />
    </form>
  );
}
