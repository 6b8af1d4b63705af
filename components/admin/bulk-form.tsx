"use client";

import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { FormState } from "@/app/admin/form-state";
import { Notice } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";
import { suspensionReasons } from "@/lib/vocabulary";
import { adminLabelsIn } from "./labels";
import { useConfirm } from "@/components/ui/confirm-dialog";

type Props = {
  /** The form's id: each row's checkbox names it in its `form` attribute. */
  id: string;
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  actions: { value: string; label: string }[];
  /** What the ticked items are. */
  items: "services" | "operations";
  /** The name of the rows' checkboxes. */
  idsName: string;
};

/** Acts on the items ticked in a list: one action for all, a reason when suspending, a confirmation, then a summary. */
export function BulkForm({ id, action, actions, items, idsName }: Props) {
  const t = useTranslations("adminShared.bulk");
  const labels = adminLabelsIn(useLocale());
  const [state, dispatch] = useActionState(action, {});
  const [chosen, setChosen] = useState("");
  const { guard, dialog } = useConfirm();
  return (
    <form
      id={id}
      action={dispatch}
      onSubmit={(e) => {
        const count = new FormData(e.currentTarget).getAll(idsName).length;
        const label = actions.find((a) => a.value === chosen)?.label ?? chosen;
        guard(e, t(`confirm.${items}`, { action: label, count }));
      }}
      aria-label={t(`form.${items}`)}
      className="mb-3 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
    >
      <SelectField name="action" label={t(`with.${items}`)} required empty={t("choose")} value={chosen} onChange={(e) => setChosen(e.target.value)} options={actions} errors={state.fields?.action} />
      {chosen === "suspend" && (
        <>
          <SelectField name="reason" label={t("reason")} required empty={t("chooseReason")} defaultValue="" options={suspensionReasons.map((r) => ({ value: r, label: labels.suspensionReason(r) }))} errors={state.fields?.reason} />
          <Field name="note" label={t("note")} maxLength={500} errors={state.fields?.note} />
        </>
      )}
      {dialog}
      <SubmitButton variant="secondary" pendingText={t("working")}>{t("apply")}</SubmitButton>
      {state.error && <Notice tone="error" className="mb-0 w-full">{[state.error, ...(state.fields?.[idsName] ?? [])].join(" ")}</Notice>}
      {!state.error && state.message && <Notice tone={state.ok ? "info" : "warning"} className="mb-0 w-full">{state.message}</Notice>}
    </form>
  );
}
