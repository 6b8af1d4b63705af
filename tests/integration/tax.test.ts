import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { balanceEntries, clients, invoiceLines, invoices, services } from "@/lib/db/schema";
import { chargeRenewal } from "@/lib/services/services/charge-renewal";
import { renewalQuote } from "@/lib/services/services/renewal-quote";
import type { Ctx } from "@/lib/services/context";
import { issueInvoice } from "@/lib/billing/issue-invoice";
import { outsideEuNote, reverseChargeNote } from "@/lib/billing/tax";
import { taxReport } from "@/lib/billing/tax-report";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { saveTaxRate } from "@/lib/services/tax/save-rate";
import { updateTaxSettings } from "@/lib/services/tax/update-settings";
import { setTaxExempt } from "@/lib/services/clients/set-tax-exempt";
import { updateProfile } from "@/lib/services/profile/update";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { renderInvoicePdf } from "@/components/store/invoice-pdf";
import { InvoiceDocument } from "@/components/store/invoice-document";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, siteDomain, sys, makeManualTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";
import { pdfText } from "../helpers/pdf-text";

type Buyer = { country: string | null; region?: string | null; taxId?: string | null; exempt?: boolean };
type Case = {
  name: string; seller: string; inclusive: boolean; buyer: Buyer; prices: number[];
  expect: { category: string; rateBp: number; net: number[]; tax: number[]; subtotal: number; taxAmount: number; total: number; note: string | null };
};

/**
 * The table of tax cases, each issued as a real invoice (on PGlite, or PostgreSQL with
 * DATABASE_URL) with rates DE 19%, FR 20%, US-CA 7.25% and AT 20%. Seller DE unless said.
 */
const cases: Case[] = [
  { name: "domestic B2C: the seller's rate", seller: "DE", inclusive: false, buyer: { country: "DE" }, prices: [1000],
    expect: { category: "standard", rateBp: 1900, net: [1000], tax: [190], subtotal: 1000, taxAmount: 190, total: 1190, note: null } },
  { name: "domestic B2B with a VAT number: still the seller's rate", seller: "DE", inclusive: false, buyer: { country: "DE", taxId: "DE123456789" }, prices: [1000],
    expect: { category: "standard", rateBp: 1900, net: [1000], tax: [190], subtotal: 1000, taxAmount: 190, total: 1190, note: null } },
  { name: "EU B2C: the buyer's country's rate", seller: "DE", inclusive: false, buyer: { country: "FR" }, prices: [1000],
    expect: { category: "standard", rateBp: 2000, net: [1000], tax: [200], subtotal: 1000, taxAmount: 200, total: 1200, note: null } },
  { name: "EU B2B with a valid VAT number: reverse charge", seller: "DE", inclusive: false, buyer: { country: "FR", taxId: "FR12345678901" }, prices: [1000, 250],
    expect: { category: "reverse_charge", rateBp: 0, net: [1000, 250], tax: [0, 0], subtotal: 1250, taxAmount: 0, total: 1250, note: reverseChargeNote } },
  { name: "EU business whose VAT number does not fit its country: taxed as a consumer", seller: "DE", inclusive: false, buyer: { country: "FR", taxId: "FR123" }, prices: [1000],
    expect: { category: "standard", rateBp: 2000, net: [1000], tax: [200], subtotal: 1000, taxAmount: 200, total: 1200, note: null } },
  { name: "non-EU buyer from an EU seller: no VAT", seller: "DE", inclusive: false, buyer: { country: "US", region: "CA" }, prices: [1000],
    expect: { category: "none", rateBp: 0, net: [1000], tax: [0], subtotal: 1000, taxAmount: 0, total: 1000, note: outsideEuNote } },
  { name: "exempt client: no tax, the ground printed", seller: "DE", inclusive: false, buyer: { country: "DE", exempt: true }, prices: [1000],
    expect: { category: "exempt", rateBp: 0, net: [1000], tax: [0], subtotal: 1000, taxAmount: 0, total: 1000, note: "Exempt from tax: Registered charity" } },
  { name: "inclusive prices: the tax is the part of the price at the rate", seller: "DE", inclusive: true, buyer: { country: "DE" }, prices: [1190, 1000],
    expect: { category: "standard", rateBp: 1900, net: [1000, 840], tax: [190, 160], subtotal: 1840, taxAmount: 350, total: 2190, note: null } },
  { name: "inclusive prices, reverse charge: the buyer pays the price, all of it net", seller: "DE", inclusive: true, buyer: { country: "AT", taxId: "ATU12345678" }, prices: [1190],
    expect: { category: "reverse_charge", rateBp: 0, net: [1190], tax: [0], subtotal: 1190, taxAmount: 0, total: 1190, note: reverseChargeNote } },
  { name: "exclusive prices, a half rounds up: 150 at 19% is 28.5, so 29", seller: "DE", inclusive: false, buyer: { country: "DE" }, prices: [150],
    expect: { category: "standard", rateBp: 1900, net: [150], tax: [29], subtotal: 150, taxAmount: 29, total: 179, note: null } },
  { name: "rounding per line, not per invoice: 3 × 3 at 19% is 3 × 1 (the invoice's 1.71 would be 2)", seller: "DE", inclusive: false, buyer: { country: "DE" }, prices: [3, 3, 3],
    expect: { category: "standard", rateBp: 1900, net: [3, 3, 3], tax: [1, 1, 1], subtotal: 9, taxAmount: 3, total: 12, note: null } },
  { name: "rounding per line, inclusive: 3 × 10 at 19% keeps 2 each (the invoice's 4.79 would be 5)", seller: "DE", inclusive: true, buyer: { country: "DE" }, prices: [10, 10, 10],
    expect: { category: "standard", rateBp: 1900, net: [8, 8, 8], tax: [2, 2, 2], subtotal: 24, taxAmount: 6, total: 30, note: null } },
  { name: "a seller outside the EU: the region's rate", seller: "US", inclusive: false, buyer: { country: "US", region: "CA" }, prices: [10000],
    expect: { category: "standard", rateBp: 725, net: [10000], tax: [725], subtotal: 10000, taxAmount: 725, total: 10725, note: null } },
  { name: "a seller outside the EU, a region without a rate: no tax", seller: "US", inclusive: false, buyer: { country: "US", region: "OR" }, prices: [10000],
    expect: { category: "none", rateBp: 0, net: [10000], tax: [0], subtotal: 10000, taxAmount: 0, total: 10000, note: null } },
  { name: "a buyer with no country on file: taxed as domestic", seller: "DE", inclusive: false, buyer: { country: null }, prices: [1000],
    expect: { category: "standard", rateBp: 1900, net: [1000], tax: [190], subtotal: 1000, taxAmount: 190, total: 1190, note: null } },
];

describe("tax: computed once at issue, stored per line, reported per rate", () => {
  let database: TestDatabase;
  let admin: Ctx;
  const db = () => database.db;
  const clock = testClock(new Date("2026-05-04T09:00:00Z"));

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
    for (const [country, region, percent, name] of [["DE", "", 19, "VAT"], ["FR", "", 20, "TVA"], ["AT", "", 20, "USt"], ["US", "CA", 7.25, "Sales tax"]] as const) {
      await saveTaxRate({ ctx: admin, input: { country, region, percent, name } });
    }
  });
  afterAll(async () => database.close());

  const buyer = async (b: Buyer) => {
    const client = await createClient(db());
    await db().update(clients).set({ country: b.country, region: b.region ?? null, taxId: b.taxId ?? null }).where(eq(clients.id, client.id));
    if (b.exempt) await setTaxExempt({ ctx: admin, input: { clientId: client.id, exempt: true, reason: "Registered charity" } });
    return client.id;
  };

  it.each(cases)("$name", async (c) => {
    await updateTaxSettings({ ctx: admin, input: { pricesIncludeTax: c.inclusive, sellerCountry: c.seller } });
    const clientId = await buyer(c.buyer);
    const { invoice, lines } = await db().transaction((tx) =>
      issueInvoice(tx, { clientId, kind: "order", currency: "EUR", description: c.name, at: clock.now(), lines: c.prices.map((price, i) => ({ description: `Line ${i + 1}`, price })) }),
    );
    const stored = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice.id)).orderBy(invoiceLines.position);
    expect(stored).toEqual(lines);
    expect(stored.map((l) => [l.taxCategory, l.taxRateBp])).toEqual(c.prices.map(() => [c.expect.category, c.expect.rateBp]));
    expect(stored.map((l) => l.net)).toEqual(c.expect.net);
    expect(stored.map((l) => l.taxAmount)).toEqual(c.expect.tax);
    expect(stored.map((l) => l.total)).toEqual(c.prices.map((_, i) => c.expect.net[i]! + c.expect.tax[i]!));
    expect([invoice.subtotal, invoice.taxAmount, invoice.amount, invoice.taxNote, invoice.pricesIncludeTax]).toEqual([c.expect.subtotal, c.expect.taxAmount, c.expect.total, c.expect.note, c.inclusive]);
  });

  it("an order costs its invoice's total with tax; paying charges that; editing the rate later changes no issued invoice", async () => {
    await updateTaxSettings({ ctx: admin, input: { pricesIncludeTax: false, sellerCountry: "DE" } });
    const tariffId = await makeManualTariff(db());
    const clientId = await buyer({ country: "FR" });
    await db().update(clients).set({ currency: "USD" }).where(eq(clients.id, clientId));
    const { order } = await createOrder({ ctx: sys(db(), clock), input: { clientId, items: [{ tariffId, months: 1, addons: {}, params: { domain: siteDomain() } }] } });
    expect(order.total).toBe(11880);
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    expect([invoice!.subtotal, invoice!.taxAmount, invoice!.amount]).toEqual([9900, 1980, 11880]);
    const [line] = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id));
    expect([line!.periodStart, line!.periodEnd, line!.months]).toEqual([clock.now(), new Date("2026-06-04T09:00:00Z"), 1]);
    await db().update(clients).set({ balance: 20000 }).where(eq(clients.id, clientId));
    await payOrder({ ctx: { db: db(), actor: { type: "system" }, clock }, input: { orderId: order.id } });
    const charges = await db().select().from(balanceEntries).where(eq(balanceEntries.invoiceId, invoice!.id));
    expect(charges.map((e) => e.amount)).toEqual([-11880]);
    await saveTaxRate({ ctx: admin, input: { country: "FR", percent: 5.5, name: "TVA" } });
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: invoice!.id } });
    expect(doc.lines.map((l) => [l.taxRateBp, l.taxAmount])).toEqual([[2000, 1980]]);
    expect(doc.taxes.map((t) => [t.taxName, t.taxRateBp, t.net, t.taxAmount])).toEqual([["TVA", 2000, 9900, 1980]]);
    expect(doc.payment).toMatchObject({ method: "balance", reference: null, ledgerEntryId: expect.any(Number), amount: 11880 });
    await saveTaxRate({ ctx: admin, input: { country: "FR", percent: 20, name: "TVA" } });
  });

  it("a renewal is quoted, invoiced and charged with its tax, its line covering the period it renews", async () => {
    await updateTaxSettings({ ctx: admin, input: { pricesIncludeTax: false, sellerCountry: "DE" } });
    const tariffId = await makeManualTariff(db());
    const clientId = await buyer({ country: "DE" });
    await db().update(clients).set({ currency: "USD", balance: 20000 }).where(eq(clients.id, clientId));
    const expiry = new Date("2026-05-10T00:00:00Z");
    const [service] = await db().insert(services).values({ clientId, tariffId, productType: "dedicated", status: "active", remoteName: "srv", months: 1, resources: {}, expiresAt: expiry }).returning();
    expect(await renewalQuote(db(), service!)).toMatchObject({ price: 11781, catalogPrice: 9900 });
    const outcome = await db().transaction((tx) => chargeRenewal(tx, service!, { at: clock.now(), actorUserId: null }));
    expect(outcome).toMatchObject({ kind: "renewed", price: 11781 });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.serviceId, service!.id));
    expect([invoice!.kind, invoice!.status, invoice!.subtotal, invoice!.taxAmount, invoice!.amount]).toEqual(["renewal", "paid", 9900, 1881, 11781]);
    const [line] = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id));
    expect([line!.periodStart, line!.periodEnd, line!.taxRateBp, line!.taxAmount]).toEqual([expiry, new Date("2026-06-10T00:00:00Z"), 1900, 1881]);
    const charges = await db().select().from(balanceEntries).where(eq(balanceEntries.invoiceId, invoice!.id));
    expect(charges.map((e) => e.amount)).toEqual([-11781]);
  });

  it("the client's tax id is checked against its country with a clear error, stored normalised, and kept when a form leaves it out", async () => {
    const client = await createClient(db());
    const ctx: Ctx = { db: db(), actor: (await createUser(db(), "client", { clientId: client.id })).actor, clock };
    const base = { name: client.name, email: client.email, country: "NL", company: "Voorbeeld B.V." };
    await expect(updateProfile({ ctx, input: { ...base, taxId: "NL123456789" } })).rejects.toMatchObject({
      code: "validation", fields: { taxId: ["A VAT number in Netherlands is NL followed by 9 digits, B and 2 digits, e.g. NL123456789B01"] },
    });
    const saved = await updateProfile({ ctx, input: { ...base, taxId: "nl 1234.56789 b01", region: "" } });
    expect([saved.taxId, saved.company, saved.country]).toEqual(["NL123456789B01", "Voorbeeld B.V.", "NL"]);
    expect((await updateProfile({ ctx, input: base })).taxId).toBe("NL123456789B01");
    // Moving to another EU country with the old number on file is refused until the number fits.
    await expect(updateProfile({ ctx, input: { ...base, country: "BE" } })).rejects.toMatchObject({ fields: { taxId: [expect.stringContaining("Belgium")] } });
    await expect(setTaxExempt({ ctx, input: { clientId: client.id, exempt: true, reason: "mine" } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setTaxExempt({ ctx: admin, input: { clientId: client.id, exempt: true } })).rejects.toMatchObject({ code: "validation" });
  });

  it("the invoice page and the PDF print the buyer's legal details, the tax lines and the reverse charge mention", async () => {
    await updateTaxSettings({ ctx: admin, input: { pricesIncludeTax: false, sellerCountry: "DE" } });
    const clientId = await buyer({ country: "FR", taxId: "FR12345678901" });
    await db().update(clients).set({ company: "Exemple SARL", address: "1 rue de la Paix", postcode: "75002", city: "Paris" }).where(eq(clients.id, clientId));
    const { invoice } = await db().transaction((tx) =>
      issueInvoice(tx, { clientId, kind: "order", currency: "EUR", description: "RC", at: clock.now(), lines: [{ description: "Hosting", price: 2500, months: 12, periodStart: clock.now(), periodEnd: new Date("2027-05-04T09:00:00Z") }] }),
    );
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: invoice.id } });
    expect(doc.buyer).toMatchObject({ company: "Exemple SARL", country: "FR", countryName: "France", taxId: "FR12345678901", address: ["1 rue de la Paix", "75002 Paris"] });
    expect(doc.seller.country).toBe("DE");
    const text = pdfText(await renderInvoicePdf(doc));
    for (const words of ["Exemple SARL", "France", "Tax ID FR12345678901", "2026-05-04 – 2027-05-04 (1 year)", "Subtotal €25.00", "VAT 0%: reverse charge on €25.00 €0.00", "Total €25.00", reverseChargeNote]) {
      expect(text).toContain(words);
    }
    // The client area and the admin show the same document as HTML.
    const page = renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "en", messages: {}, children: createElement(InvoiceDocument, { doc }) }))
      .replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
    for (const words of ["Exemple SARL", "France", "Tax ID FR12345678901", "2026-05-04 – 2027-05-04 (1 year)", "Subtotal €25.00", "VAT 0%: reverse charge on €25.00 €0.00", "Total €25.00", reverseChargeNote]) {
      expect(page).toContain(words);
    }
  });

  it("tax is reported per currency, category and rate from the stored lines, voided invoices left out", async () => {
    const report = await taxReport(db(), { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-06-01T00:00:00Z") });
    const de = report.find((r) => r.currency === "EUR" && r.taxCategory === "standard" && r.taxRateBp === 1900)!;
    // Domestic EUR cases above: 1000 ×3 (B2C, B2B, no country) + 1190 and 1000 inclusive + 150 + 3 × 3 + 3 × 10 inclusive.
    expect([de.net, de.taxAmount]).toEqual([1000 * 3 + 1840 + 150 + 9 + 24, 190 * 3 + 350 + 29 + 3 + 6]);
    const usd = report.find((r) => r.currency === "USD" && r.taxCategory === "standard" && r.taxRateBp === 1900)!;
    expect([usd.net, usd.taxAmount, usd.invoices]).toEqual([9900, 1881, 1]);
    const rc = report.find((r) => r.currency === "EUR" && r.taxCategory === "reverse_charge")!;
    expect([rc.net, rc.taxAmount, rc.invoices]).toEqual([1250 + 1190 + 2500, 0, 3]);
    const [anyInvoice] = await db().select().from(invoices).where(eq(invoices.description, "RC"));
    await db().update(invoices).set({ status: "cancelled" }).where(eq(invoices.id, anyInvoice!.id));
    const after = await taxReport(db(), { from: new Date("2026-05-01T00:00:00Z"), to: new Date("2026-06-01T00:00:00Z") });
    expect(after.find((r) => r.currency === "EUR" && r.taxCategory === "reverse_charge")!.net).toBe(1250 + 1190);
  });
});
