"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import { changePasswordAction, type ChangePasswordState } from "./change-password-actions";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, {} as ChangePasswordState);
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.done && <FleetingNotice news={state}>Your password is changed. You were signed out everywhere else.</FleetingNotice>}
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <Field name="currentPassword" label="Current password" type="password" autoComplete="current-password" required errors={state.fields?.currentPassword} />
      <Field name="newPassword" label="New password" type="password" autoComplete="new-password" required hint="At least 10 characters, hard to guess." errors={state.fields?.newPassword} />
      <SubmitButton pendingText="Saving…">Change password</SubmitButton>
    </form>
  );
}
