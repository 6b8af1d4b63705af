"use client";

import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { translateMessage } from "@/lib/i18n/errors";
import { SubmitButton } from "@/components/ui/button";

export type RevealState = { text?: string; error?: string };

type Props = { action: (prev: RevealState, form: FormData) => Promise<RevealState>; values: Record<string, string | number> };

/** "Show secrets": an explicit, audited action that shows the email's text unmasked. */
export function RevealEmail({ action, values }: Props) {
  const [state, dispatch] = useActionState(action, {} as RevealState);
  const t = useTranslations("adminMail.reveal");
  const locale = useLocale();
  return (
    <form action={dispatch} className="mt-3 flex flex-col gap-2">
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      {!state.text && (
        <SubmitButton variant="secondary" pendingText={t("pending")}>
          {t("show")}
        </SubmitButton>
      )}
      {state.error && <p role="alert" className="text-sm text-red-700">{translateMessage(state.error, locale)}</p>}
      {state.text && (
        <pre data-testid="revealed-email" className="max-h-96 overflow-auto rounded bg-amber-50 p-3 text-xs whitespace-pre-wrap text-slate-800">
          {state.text}
        </pre>
      )}
    </form>
  );
}
