"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("profile");
  const pending = state.saved ? state.pendingEmail : pendingEmail;
  const v = (key: keyof ProfileValues) => state.values?.[key] ?? values[key] ?? "";
  const errors = state.fields ?? {};
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {state.saved && <FleetingNotice news={state}>{t("saved")}</FleetingNotice>}
      {state.error && !state.saved && <Notice tone="error">{state.error}</Notice>}
      {pending && (
        <Notice tone="warning">
          {t.rich("pending", { email: pending, b: (chunks) => <strong>{chunks}</strong> })}
        </Notice>
      )}
      {missing && missing.length > 0 && !state.saved && (
        <Notice tone="warning">{t("missing", { fields: missing.join(", ") })}</Notice>
      )}
      {next && <input type="hidden" name="next" value={next} />}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="name" label={t("name")} autoComplete="name" required defaultValue={v("name")} errors={errors.name} />
        <Field name="company" label={t("company")} autoComplete="organization" defaultValue={v("company")} hint={t("companyHint")} errors={errors.company} />
        <Field name="email" label={t("email")} type="email" autoComplete="email" required defaultValue={v("email")} hint={t("emailHint")} errors={errors.email} />
        <Field name="phone" label={t("phone")} type="tel" autoComplete="tel" defaultValue={v("phone")} placeholder="+1 201 555 0123" hint={t("phoneHint")} errors={errors.phone} />
      </div>
      <Field name="address" label={t("address")} autoComplete="street-address" defaultValue={v("address")} errors={errors.address} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="city" label={t("city")} autoComplete="address-level2" defaultValue={v("city")} errors={errors.city} />
        <Field name="postcode" label={t("postcode")} autoComplete="postal-code" defaultValue={v("postcode")} errors={errors.postcode} />
        <SelectField
          name="country"
          label={t("country")}
          autoComplete="country"
          defaultValue={v("country")}
          empty={t("chooseCountry")}
          options={countries.map((c) => ({ value: c.code, label: c.name }))}
          errors={errors.country}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field name="region" label={t("region")} autoComplete="address-level1" defaultValue={v("region")} hint={t("regionHint")} errors={errors.region} />
        <div className="sm:col-span-2">
          <Field
            name="taxId"
            label={t("taxId")}
            defaultValue={v("taxId")}
            placeholder="DE123456789"
            hint={t("taxIdHint")}
            errors={errors.taxId}
          />
        </div>
      </div>
      <div>
        <SubmitButton pendingText={t("saving")}>{next ? t("saveContinue") : t("save")}</SubmitButton>
      </div>
    </form>
  );
}
