import { describe, expect, it } from "vitest";
import { defaultInvoiceNumberFormat, formatInvoiceNumber, invoiceNumberFormatSchema } from "@/lib/billing/invoice-format";

describe("invoice number format", () => {
  it("renders the year and the counter padded to the placeholder's width", () => {
    expect(formatInvoiceNumber(defaultInvoiceNumberFormat, 2026, 1)).toBe("INV-2026-000001");
    expect(formatInvoiceNumber(defaultInvoiceNumberFormat, 2026, 42)).toBe("INV-2026-000042");
    expect(formatInvoiceNumber("{YYYY}/{0001}", 2027, 7)).toBe("2027/0007");
    expect(formatInvoiceNumber("F {1}-{YYYY}", 2026, 12)).toBe("F 12-2026");
  });

  it("prints a counter wider than its placeholder whole", () => {
    expect(formatInvoiceNumber("INV-{YYYY}-{001}", 2026, 12345)).toBe("INV-2026-12345");
  });

  it("accepts formats with one year and one counter, and says what is wrong with others", () => {
    expect(invoiceNumberFormatSchema.parse(" A/{YYYY}/{0001} ")).toBe("A/{YYYY}/{0001}");
    const problem = (f: string) => invoiceNumberFormatSchema.safeParse(f).error?.issues[0]?.message;
    expect(problem("INV-{000001}")).toMatch(/\{YYYY\} once/);
    expect(problem("INV-{YYYY}")).toMatch(/one counter/);
    expect(problem("{YYYY}-{01}-{01}")).toMatch(/one counter/);
    expect(problem("{YYYY}-{01}-{MM}")).toMatch(/braces/);
    expect(problem("<b>{YYYY}{01}")).toMatch(/letters, digits/);
    expect(problem("")).toBeDefined();
  });
});
