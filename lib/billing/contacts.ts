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

const contactKeys: (keyof ContactFields)[] = ["name", "email", "phone", "address", "city", "postcode", "country"];

/** A contact detail the profile lacks: a field left empty, or a phone or country that is not valid. */
export type MissingContact = keyof ContactFields | "validPhone" | "validCountry";

/** What a registrar needs of the registrant and the profile lacks, as codes the reader's language words (contacts.field.*); empty when complete. */
export function missingContacts(client: ContactFields): MissingContact[] {
  const missing: MissingContact[] = [];
  for (const key of contactKeys) {
    const value = client[key]?.trim() ?? "";
    if (!value) missing.push(key);
    else if (key === "phone" && !toE164(value)) missing.push("validPhone");
    else if (key === "country" && !isCountryCode(value)) missing.push("validCountry");
  }
  return missing;
}
