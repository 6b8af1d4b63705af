"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";

export type RevealState = { text?: string; error?: string };

type Props = { action: (prev: RevealState, form: FormData) => Promise<RevealState>; values: Record<string, string | number> };

/** "Show secrets": an explicit, audited action that shows the email's text unmasked. */
export function RevealEmail({ action, values }: Props) {
  const [state, dispatch] = useActionState(action, {} as RevealState);
  return (
    <form action={dispatch} className="mt-3 flex flex-col gap-2">
      {Object.entries(values).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={String(v)} />
      ))}
      {!state.text && (
        <SubmitButton variant="secondary" pendingText="Revealing…">
          Show secrets (recorded in the audit log)
        </SubmitButton>
      )}
      {state.error && <p role="alert" className="text-sm text-red-700">{state.error}</p>}
      {state.text && (
        <pre data-testid="revealed-email" className="max-h-96 overflow-auto rounded bg-amber-50 p-3 text-xs whitespace-pre-wrap text-slate-800">
          {state.text}
        </pre>
      )}
    </form>
  );
}
