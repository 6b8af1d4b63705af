"use client";

import { useActionState } from "react";
import type { FieldErrors } from "@/lib/errors";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { FleetingNotice } from "@/components/ui/fleeting-notice";
import { Field } from "@/components/ui/input";
import { SelectField } from "@/components/ui/select";

export type ProfileValues = {
  name: string; company: string | null; email: string; phone: string | null; address: string | null; city: string | null; postcode: string | null; country: string | null;
  region: string | null; taxId: string | null;
};
export type ProfileState = {
  fields?: FieldErrors; error?: string; saved?: boolean; values?: Partial<Record<keyof ProfileValues, string>>;
  /** A new contact email waiting for its confirmation link, after a save. */
  pendingEmail?: string | null;
};
type Props = {
  values: ProfileValues;
  countries: { code: string; name: string }[];
  action: (prev: ProfileState, form: FormData) => Promise<ProfileState>;
  /** Where "Save" goes back to (e.g. the cart that asked for the details). */
  next?: string;
  missing?: string[];
  /** A new contact email waiting for its confirmation link. */
  pendingEmail?: string | null;
};

/** A client's profile and registrant contacts: the client's own form, and the one admins use for any client. */
export function ProfileForm({ values, countries, action, next, missing, pendingEmail }: Props) {
  const [state, formAction] = useActionState(action, {});
  const pending = state.saved ? state.pendingEmail : pendingEmail;
  const v = (key: keyof ProfileValues) => state.values?.[key] ?? values[key] ?? "";
  const errors = state.fields ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.saved && <FleetingNotice news={state}>Profile saved.</FleetingNotice>}
      {state.error && !state.saved && <Notice tone="error">{state.error}</Notice>}
      {pending && (
        <Notice tone="warning">
          Waiting for confirmation at <strong>{pending}</strong>: open the link we sent there. Until then we keep writing to the contact email below.
        </Notice>
      )}
      {missing && missing.length > 0 && !state.saved && (
        <Notice tone="warning">Domain registries need the registrant&apos;s full details. Please add your {missing.join(", ")}.</Notice>
      )}
      {next && <input type="hidden" name="next" value={next} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label="Full name" autoComplete="name" required defaultValue={v("name")} errors={errors.name} />
        <Field name="company" label="Company name" autoComplete="organization" defaultValue={v("company")} hint="Optional; the legal name printed on invoices." errors={errors.company} />
        <Field name="email" label="Contact email" type="email" autoComplete="email" required defaultValue={v("email")} hint="Where invoices and service emails go." errors={errors.email} />
        <Field name="phone" label="Phone" type="tel" autoComplete="tel" defaultValue={v("phone")} placeholder="+1 201 555 0123" hint="With the country code; stored as +12015550123." errors={errors.phone} />
      </div>
      <Field name="address" label="Street address" autoComplete="street-address" defaultValue={v("address")} errors={errors.address} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="city" label="City" autoComplete="address-level2" defaultValue={v("city")} errors={errors.city} />
        <Field name="postcode" label="Postcode" autoComplete="postal-code" defaultValue={v("postcode")} errors={errors.postcode} />
        <SelectField
          name="country"
          label="Country"
          autoComplete="country"
          defaultValue={v("country")}
          empty="Choose a country"
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
          errors={errors.country}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="region" label="State or province" autoComplete="address-level1" defaultValue={v("region")} hint="Optional; where tax depends on it, e.g. CA." errors={errors.region} />
        <div className="sm:col-span-2">
          <Field
            name="taxId"
            label="Tax ID"
            defaultValue={v("taxId")}
            placeholder="DE123456789"
            hint="Optional; printed on invoices. A business in another EU country than ours with its VAT number pays no VAT (reverse charge)."
            errors={errors.taxId}
          />
        </div>
      </div>
      <div>
        <SubmitButton pendingText="Saving…">{next ? "Save and continue" : "Save profile"}</SubmitButton>
      </div>
    </form>
  );
}
