import { countryCodes } from "@/lib/billing/contacts";
import { countryNameIn } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import type { ProfileValues } from "@/components/store/profile-form";

const keys = ["name", "company", "email", "phone", "address", "city", "postcode", "country", "region", "taxId"] as const;

/** The profile form's fields as the verb's input (and echoed back so a refused form keeps what was typed). */
export function profileInput(form: FormData): Record<(typeof keys)[number], string> {
  return Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? "")])) as Record<(typeof keys)[number], string>;
}

/** Countries for the select, named and sorted in the reader's language (English unless given). */
export const countryOptions = (locale: Locale = "en") =>
  countryCodes.map((code) => ({ code, name: countryNameIn(locale, code) })).sort((a, b) => a.name.localeCompare(b.name, locale));

export const profileValues = (c: ProfileValues): ProfileValues => ({
  name: c.name, company: c.company, email: c.email, phone: c.phone, address: c.address, city: c.city, postcode: c.postcode, country: c.country, region: c.region, taxId: c.taxId,
});
