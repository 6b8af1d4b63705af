import { countryName } from "./contacts";

/**
 * EU VAT number formats by member state (VIES): the prefix (Greece's is EL, not GR) and the body
 * after it, with an example for error messages. Only the format is checked, not the registry.
 */
export const euVatFormats: Record<string, { prefix: string; body: RegExp; words: string; example: string }> = {
  AT: { prefix: "AT", body: /^U\d{8}$/, words: "U and 8 digits", example: "ATU12345678" },
  BE: { prefix: "BE", body: /^[01]\d{9}$/, words: "10 digits starting with 0 or 1", example: "BE0123456789" },
  BG: { prefix: "BG", body: /^\d{9,10}$/, words: "9 or 10 digits", example: "BG123456789" },
  CY: { prefix: "CY", body: /^\d{8}[A-Z]$/, words: "8 digits and a letter", example: "CY12345678X" },
  CZ: { prefix: "CZ", body: /^\d{8,10}$/, words: "8 to 10 digits", example: "CZ12345678" },
  DE: { prefix: "DE", body: /^\d{9}$/, words: "9 digits", example: "DE123456789" },
  DK: { prefix: "DK", body: /^\d{8}$/, words: "8 digits", example: "DK12345678" },
  EE: { prefix: "EE", body: /^\d{9}$/, words: "9 digits", example: "EE123456789" },
  ES: { prefix: "ES", body: /^(?=.*[A-Z])[A-Z0-9]\d{7}[A-Z0-9]$/, words: "9 characters: a letter or digit, 7 digits, a letter or digit (not all digits)", example: "ESX1234567X" },
  FI: { prefix: "FI", body: /^\d{8}$/, words: "8 digits", example: "FI12345678" },
  FR: { prefix: "FR", body: /^[0-9A-HJ-NP-Z]{2}\d{9}$/, words: "2 letters or digits and 9 digits", example: "FR12345678901" },
  GR: { prefix: "EL", body: /^\d{9}$/, words: "9 digits", example: "EL123456789" },
  HR: { prefix: "HR", body: /^\d{11}$/, words: "11 digits", example: "HR12345678901" },
  HU: { prefix: "HU", body: /^\d{8}$/, words: "8 digits", example: "HU12345678" },
  IE: { prefix: "IE", body: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/, words: "7 digits and 1 or 2 letters", example: "IE1234567WA" },
  IT: { prefix: "IT", body: /^\d{11}$/, words: "11 digits", example: "IT12345678901" },
  LT: { prefix: "LT", body: /^(\d{9}|\d{12})$/, words: "9 or 12 digits", example: "LT123456789" },
  LU: { prefix: "LU", body: /^\d{8}$/, words: "8 digits", example: "LU12345678" },
  LV: { prefix: "LV", body: /^\d{11}$/, words: "11 digits", example: "LV12345678901" },
  MT: { prefix: "MT", body: /^\d{8}$/, words: "8 digits", example: "MT12345678" },
  NL: { prefix: "NL", body: /^\d{9}B\d{2}$/, words: "9 digits, B and 2 digits", example: "NL123456789B01" },
  PL: { prefix: "PL", body: /^\d{10}$/, words: "10 digits", example: "PL1234567890" },
  PT: { prefix: "PT", body: /^\d{9}$/, words: "9 digits", example: "PT123456789" },
  RO: { prefix: "RO", body: /^[1-9]\d{1,9}$/, words: "2 to 10 digits", example: "RO1234567" },
  SE: { prefix: "SE", body: /^\d{10}01$/, words: "12 digits ending in 01", example: "SE123456789001" },
  SI: { prefix: "SI", body: /^\d{8}$/, words: "8 digits", example: "SI12345678" },
  SK: { prefix: "SK", body: /^\d{10}$/, words: "10 digits", example: "SK1234567890" },
};

/** The EU member states (ISO 3166-1 alpha-2). */
export const euCountries: ReadonlySet<string> = new Set(Object.keys(euVatFormats));
export const isEu = (country: string | null | undefined): boolean => Boolean(country && euCountries.has(country));

export type TaxIdCheck = { ok: true; value: string } | { ok: false; message: string };

/**
 * Checks a buyer's tax id against its country: in an EU state, the state's VAT number format,
 * normalised to upper case without spaces, dots or dashes and with the prefix (added when left out,
 * so "123456789" in Germany is DE123456789); elsewhere any 2 to 30 letters, digits, spaces, dots,
 * dashes or slashes. Empty means none.
 */
export function checkTaxId(country: string | null | undefined, raw: string | null | undefined): TaxIdCheck | { ok: true; value: null } {
  const text = (raw ?? "").trim();
  if (!text) return { ok: true, value: null };
  if (country && isEu(country)) {
    const format = euVatFormats[country]!;
    let compact = text.toUpperCase().replace(/[\s.-]/g, "");
    if (country === "GR" && compact.startsWith("GR")) compact = `EL${compact.slice(2)}`;
    const body = compact.startsWith(format.prefix) ? compact.slice(format.prefix.length) : compact;
    if (format.body.test(body)) return { ok: true, value: `${format.prefix}${body}` };
    return { ok: false, message: `A VAT number in ${countryName(country)} is ${format.prefix} followed by ${format.words}, e.g. ${format.example}` };
  }
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ./-]{1,29}$/u.test(text)) {
    return { ok: false, message: "Enter the tax id as on your registration: 2 to 30 letters, digits, spaces, dots, dashes or slashes" };
  }
  return { ok: true, value: text };
}

/** True for a well-formed VAT number of an EU state (what reverse charge asks of a business buyer). */
export function isEuVatNumber(country: string | null | undefined, taxId: string | null | undefined): boolean {
  if (!country || !isEu(country) || !taxId) return false;
  const checked = checkTaxId(country, taxId);
  return checked.ok && checked.value !== null;
}

