"use client";

import { useActionState } from "react";
import { useLocale } from "next-intl";
import { translateMessage } from "@/lib/i18n/errors";
import { SubmitButton, type ButtonProps } from "@/components/ui/button";
import type { FormState } from "@/app/admin/form-state";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import { useConfirm } from "@/components/ui/confirm-dialog";

type Props = {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  values: Record<string, string | number | boolean>;
  label: string;
  pendingText?: string;
  /** Asked in the confirmation dialog before the action runs. */
  confirm?: string;
  variant?: ButtonProps["variant"];
};

/** One button that posts a few hidden values to an admin action and shows what it answered. */
export function ActionButton({ action, values, label, pendingText, confirm, variant = "secondary" }: Props) {
  const [state, dispatch] = useActionState(action, {});
  const locale = useLocale();
  const { guard, dialog } = useConfirm();
  return (
    <form action={dispatch} onSubmit={(e) => guard(e, confirm)} className="inline-flex flex-col gap-1">
      {dialog}
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      <SubmitButton variant={variant} pendingText={pendingText}>
        {label}
      </SubmitButton>
      {state.error && (
        <p role="alert" className="max-w-md text-sm text-red-700">
          {translateMessage(state.error, locale)}
        </p>
      )}
      {!state.error && state.message && (
        <FleetingNotice news={state} inline>
          {state.message}
        </FleetingNotice>
      )}
    </form>
  );
}
