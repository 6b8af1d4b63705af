import { describe, expect, it } from "vitest";
import { formatRate, taxByRate, taxLine, type TaxTreatment } from "@/lib/billing/tax";

const vat = (rateBp: number): TaxTreatment => ({ category: "standard", rateBp, name: "VAT", note: null });

describe("tax rounding: per line, half-up on minor units, exact for large amounts", () => {
  it.each([
    [150, 1900, false, { net: 150, taxAmount: 29, total: 179 }], // 28.5 → 29
    [149, 1900, false, { net: 149, taxAmount: 28, total: 177 }], // 28.31 → 28
    [-150, 1900, false, { net: -150, taxAmount: -29, total: -179 }], // a discount line: halves away from zero
    [1190, 1900, true, { net: 1000, taxAmount: 190, total: 1190 }],
    [1000, 1900, true, { net: 840, taxAmount: 160, total: 1000 }], // 159.66 → 160
    [105, 500, true, { net: 100, taxAmount: 5, total: 105 }],
    [9_007_199_254_740, 2000, false, { net: 9_007_199_254_740, taxAmount: 1_801_439_850_948, total: 10_808_639_105_688 }],
  ])("%i at %i bp (inclusive: %s)", (price, bp, inclusive, expected) => {
    expect(taxLine(price, vat(bp), inclusive)).toEqual(expected);
  });

  it("an untaxed line is its price, net and total, whichever the setting", () => {
    for (const category of ["reverse_charge", "exempt", "none"] as const) {
      expect(taxLine(1190, { category, rateBp: 1900, name: null, note: null }, true)).toEqual({ net: 1190, taxAmount: 0, total: 1190 });
    }
  });

  it("refuses a price that is not an integer of minor units", () => {
    expect(() => taxLine(10.5, vat(1900), false)).toThrow("integer of minor units");
  });

  it("sums lines per category and rate, highest rate first; rates print as percent", () => {
    const line = (taxCategory: "standard" | "reverse_charge", taxRateBp: number, net: number, taxAmount: number) => ({ taxCategory, taxName: "VAT", taxRateBp, net, taxAmount });
    expect(taxByRate([line("standard", 700, 100, 7), line("standard", 1900, 100, 19), line("standard", 700, 50, 4), line("reverse_charge", 0, 80, 0)])).toEqual([
      { taxCategory: "standard", taxName: "VAT", taxRateBp: 1900, net: 100, taxAmount: 19 },
      { taxCategory: "standard", taxName: "VAT", taxRateBp: 700, net: 150, taxAmount: 11 },
      { taxCategory: "reverse_charge", taxName: "VAT", taxRateBp: 0, net: 80, taxAmount: 0 },
    ]);
    expect([formatRate(2000), formatRate(550), formatRate(725), formatRate(0)]).toEqual(["20%", "5.5%", "7.25%", "0%"]);
  });
});
