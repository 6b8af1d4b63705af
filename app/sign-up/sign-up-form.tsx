"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { signUpAction, type SignUpState } from "./actions";

/** demo: no email leaves this machine, so say where the link is. */
export function SignUpForm({ demo = false }: { demo?: boolean }) {
  const [state, action] = useActionState(signUpAction, {} as SignUpState);
  if (state.sentTo) {
    return (
      <div role="status" className="flex flex-col gap-2 text-sm text-slate-700">
        <p className="text-base font-medium text-slate-900">Check your email</p>
        <p>
          We sent a link to <strong>{state.sentTo}</strong>. Open it to confirm your address, then sign in. If the address already
          has an account, sign in or use &ldquo;Forgot password?&rdquo;.
        </p>
        {demo && <p>This is the demo: no email leaves this machine. The link is printed in the terminal that runs the app.</p>}
      </div>
    );
  }
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
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
    </form>
  );
}
