"use client";

import { startTransition, useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import type { CheckState } from "@/app/admin/handlers/run";
import type { FieldErrors } from "@/lib/errors";

type Action = (prev: CheckState, form: FormData) => Promise<CheckState>;

/** Next to a field the panel's answer points at (the answer itself is shown below the button). */
export const POINTED_AT = "Check this: the panel's answer points here";

/**
 * Runs "Check connection" for a connection form and marks its fields: the blank required ones, or
 * the ones a refusal points at. A mark goes once its field is changed; the typed values stay as they are.
 */
export function useConnectionCheck(action: Action) {
  const pointedAt = useTranslations("adminHandler.form")("pointedAt");
  const [state, run, checking] = useActionState(action, {});
  const [sent, setSent] = useState<Record<string, string>>({});

  const check = (form: FormData, values: Record<string, string>) => {
    setSent({ ...values });
    startTransition(() => run(form));
  };

  /** The marks of the last check that still hold, and its answer (unless every mark is gone). */
  const view = (values: Record<string, string>): { errors: FieldErrors; state: CheckState } => {
    const refused = state.check && !state.check.ok ? Object.fromEntries(state.check.fields.map((k) => [`connection.${k}`, [pointedAt]])) : {};
    const marks = Object.entries(state.fields ?? refused);
    const errors: FieldErrors = {};
    for (const [name, messages] of marks) {
      const key = name.replace(/^connection\./, "");
      if ((values[key] ?? "") === (sent[key] ?? "")) errors[name] = messages;
    }
    const settled = state.code === "validation" && marks.length > 0 && Object.keys(errors).length === 0;
    return { errors, state: settled ? {} : state };
  };

  return { check, checking, view };
}
