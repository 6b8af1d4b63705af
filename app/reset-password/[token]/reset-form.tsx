"use client";

import { useActionState } from "react";
import Link from "next/link";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { resetPasswordAction, type ResetState } from "./actions";

export function ResetForm({ token }: { token: string }) {
  const [state, action] = useActionState(resetPasswordAction, {} as ResetState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.error && (
        <Notice tone="error">
          {state.error} <Link href="/forgot-password" className="underline">Ask for a new link</Link>
        </Notice>
      )}
      <input type="hidden" name="token" value={token} />
      <Field name="password" label="New password" type="password" autoComplete="new-password" required hint="At least 10 characters, hard to guess." errors={state.fields?.password} />
      <SubmitButton pendingText="Saving…">Save the new password</SubmitButton>
    </form>
  );
}
