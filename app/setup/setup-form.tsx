"use client";

import { useActionState } from "react";
import { Notice } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { createFirstAdminAction, type SetupState } from "./actions";

export function SetupForm() {
  const [state, action] = useActionState(createFirstAdminAction, {} as SetupState);
  const errors = state.fields ?? {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      {state.error && <Notice tone="error">{state.error}</Notice>}
      <Field name="name" label="Name" autoComplete="name" required defaultValue={state.values?.name} errors={errors.name} />
      <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={errors.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters, hard to guess: a few unrelated words work well."
        errors={errors.password}
      />
      <SubmitButton pendingText="Creating the admin…">Create the first admin</SubmitButton>
    </form>
  );
}
