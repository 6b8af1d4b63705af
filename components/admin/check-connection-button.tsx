"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import type { CheckState } from "@/app/admin/handlers/run";
import { CheckResult } from "./check-result";

/** Checks a saved handler's connection as stored (its health is updated) and shows the answer and log. */
export function CheckConnectionButton({ handlerId, action }: { handlerId: number; action: (prev: CheckState, form: FormData) => Promise<CheckState> }) {
  const [state, dispatch] = useActionState(action, {});
  return (
    <form action={dispatch} className="flex flex-col gap-3">
      <input type="hidden" name="handlerId" value={handlerId} />
      <div>
        <SubmitButton variant="secondary" pendingText="Checking…">
          Check connection
        </SubmitButton>
      </div>
      <CheckResult state={state} />
    </form>
  );
}
