"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { FormState } from "@/app/admin/form-state";
import { FormResult } from "@/components/admin/form-result";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { suspensionReasons } from "@/lib/vocabulary";
import { suspensionReasonLabels } from "./suspension-labels";
import { adminLabelsIn } from "./labels";
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
  const t = useTranslations("adminShared.suspend");
  const labels = adminLabelsIn(useLocale());
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
        label={t("reason")}
        required
        empty={t("chooseReason")}
        defaultValue=""
        options={suspensionReasons.map((r) => ({ value: r, label: labels.suspensionReason(r) }))}
        errors={state.fields?.reason}
      />
      <Field name="note" label={t("note")} maxLength={500} hint={t("noteHint")} errors={state.fields?.note} />
      <div>
        <SubmitButton variant="secondary" pendingText={t("suspending")}>
          {label}
        </SubmitButton>
      </div>
      <FormResult state={state} shownFields={["reason", "note"]} />
    </form>
  );
}
