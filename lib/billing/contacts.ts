import { getCountries, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";

/** ISO 3166-1 alpha-2 codes (libphonenumber's regions without its non-ISO ones). */
const NOT_ISO = new Set(["AC", "TA", "XK"]);
export const countryCodes: readonly string[] = getCountries().filter((c) => !NOT_ISO.has(c)).sort();

export const isCountryCode = (code: string) => countryCodes.includes(code);

/** "DE" → "Germany", in English; the code itself when the runtime has no name for it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A phone number in E.164 ("+12015550123"), read in the client's country when it has no "+"; null when invalid. */
export function toE164(raw: string, country?: string | null): string | null {
  const region = country && isCountryCode(country) ? (country as CountryCode) : undefined;
  const parsed = parsePhoneNumberFromString(raw.trim(), region);
  return parsed && parsed.isValid() ? parsed.number : null;
}

export type ContactFields = {
  name: string; email: string; phone: string | null; address: string | null; city: string | null; postcode: string | null; country: string | null;
};

const labels: Record<keyof ContactFields, string> = {
  name: "name", email: "email", phone: "phone", address: "address", city: "city", postcode: "postcode", country: "country",
};

/** What a registrar needs of the registrant and the profile lacks (in the form's words); empty when complete. */
export function missingContacts(client: ContactFields): string[] {
  const missing: string[] = [];
  for (const key of Object.keys(labels) as (keyof ContactFields)[]) {
    const value = client[key]?.trim() ?? "";
    if (!value) missing.push(labels[key]);
    else if (key === "phone" && !toE164(value)) missing.push("a valid phone");
    else if (key === "country" && !isCountryCode(value)) missing.push("a country");
  }
  return missing;
}
