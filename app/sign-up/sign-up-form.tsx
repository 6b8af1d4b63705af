"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { signUpAction, type SignUpState } from "./actions";

export function SignUpForm() {
  const [state, action] = useActionState(signUpAction, {} as SignUpState);
  const errors = state.fields ?? {};
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <Field name="name" label="Name" autoComplete="name" required defaultValue={state.values?.name} errors={errors.name} />
      <Field name="email" label="Email" type="email" autoComplete="email" required defaultValue={state.values?.email} errors={errors.email} />
      <Field
        name="password"
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 10 characters."
        errors={errors.password}
      />
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
    </form>
  );
}
