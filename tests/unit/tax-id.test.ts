import { describe, expect, it } from "vitest";
import { checkTaxId, euCountries, euVatFormats, isEuVatNumber } from "@/lib/billing/tax-id";

describe("tax ids: EU VAT numbers by their state's format", () => {
  it("knows the 27 member states, each with an example that passes its own pattern", () => {
    expect(euCountries.size).toBe(27);
    for (const [country, format] of Object.entries(euVatFormats)) {
      expect(checkTaxId(country, format.example), country).toEqual({ ok: true, value: format.example });
    }
  });

  it.each([
    ["DE", "DE123456789", "DE123456789"],
    ["DE", "de 123 456 789", "DE123456789"],
    ["DE", "123456789", "DE123456789"],
    ["FR", "FR 12 345678901", "FR12345678901"],
    ["GR", "EL123456789", "EL123456789"],
    ["GR", "GR123456789", "EL123456789"],
    ["NL", "NL123456789B01", "NL123456789B01"],
    ["AT", "ATU12345678", "ATU12345678"],
    ["IE", "IE1234567WA", "IE1234567WA"],
    ["IE", "IE1A23456B", "IE1A23456B"],
    ["ES", "ESB12345678", "ESB12345678"],
    ["ES", "ES12345678Z", "ES12345678Z"],
    ["SE", "SE123456789001", "SE123456789001"],
    ["BE", "BE0123.456.789", "BE0123456789"],
    ["LT", "LT123456789012", "LT123456789012"],
  ])("%s %s is valid and stored as %s", (country, raw, value) => {
    expect(checkTaxId(country, raw)).toEqual({ ok: true, value });
  });

  it.each([
    ["DE", "DE12345678", "A VAT number in Germany is DE followed by 9 digits, e.g. DE123456789"],
    ["DE", "FR12345678901", "Germany"],
    ["NL", "NL123456789", "9 digits, B and 2 digits"],
    ["AT", "AT12345678", "U and 8 digits"],
    ["ES", "ES123456789", "not all digits"],
    ["SE", "SE123456789000", "ending in 01"],
    ["GR", "EL12345678", "Greece is EL"],
    ["FR", "FRIO123456789", "FR followed by"],
  ])("%s %s is refused with a clear message", (country, raw, words) => {
    const checked = checkTaxId(country, raw);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? "" : checked.message).toContain(words);
  });

  it("outside the EU any plausible id is kept as typed; empty is none; junk is refused", () => {
    expect(checkTaxId("US", "12-3456789")).toEqual({ ok: true, value: "12-3456789" });
    expect(checkTaxId("RU", "7707083893")).toEqual({ ok: true, value: "7707083893" });
    expect(checkTaxId(null, "GB 123 4567 89")).toEqual({ ok: true, value: "GB 123 4567 89" });
    expect(checkTaxId("DE", "  ")).toEqual({ ok: true, value: null });
    expect(checkTaxId("US", "<script>").ok).toBe(false);
    expect(checkTaxId("US", "x").ok).toBe(false);
  });

  it("reverse charge asks for a well-formed VAT number of an EU state", () => {
    expect(isEuVatNumber("FR", "FR12345678901")).toBe(true);
    expect(isEuVatNumber("FR", "FR123")).toBe(false);
    expect(isEuVatNumber("US", "12-3456789")).toBe(false);
    expect(isEuVatNumber("FR", null)).toBe(false);
  });
});
