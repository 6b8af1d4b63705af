"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { forgotPasswordAction, type ForgotState } from "./actions";

export function ForgotForm() {
  const [state, action] = useActionState(forgotPasswordAction, {} as ForgotState);
  if (state.sentTo) {
    return (
      <p role="status" className="text-sm text-slate-700">
        If <strong>{state.sentTo}</strong> has an account, a link to choose a new password is on its way. It works once, within one hour.
      </p>
    );
  }
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.email} errors={state.fields?.email} />
      <SubmitButton pendingText="Sending…">Send me a link</SubmitButton>
    </form>
  );
}
