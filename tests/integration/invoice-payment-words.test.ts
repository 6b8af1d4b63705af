import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { balanceEntries, clients, invoices } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { markInvoicePaid } from "@/lib/services/invoices/mark-paid";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { renderInvoicePdf } from "@/components/store/invoice-pdf";
import { InvoiceDocument } from "@/components/store/invoice-document";
import type { Locale } from "@/lib/i18n/locales";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, siteDomain, sys, makeManualTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";
import { pdfText } from "../helpers/pdf-text";

/** The invoice page's text as a reader sees it, in a language. */
function pageText(doc: Awaited<ReturnType<typeof getInvoiceDocument>>, locale: Locale): string {
  return renderToStaticMarkup(createElement(NextIntlClientProvider, { locale, messages: {}, children: createElement(InvoiceDocument, { doc }) }))
    .replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ");
}

describe("an invoice's payment line in the reader's language", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let tariffId: number;
  let clientId: number;
  const db = () => database.db;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));

  beforeAll(async () => {
    database = await createTestDatabase();
    tariffId = await makeManualTariff(db());
    clientId = (await createClient(db())).id;
    await db().update(clients).set({ locale: "ru" }).where(eq(clients.id, clientId));
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
  });
  afterAll(async () => database.close());

  const order = async () => {
    const { order } = await createOrder({ ctx: sys(db(), clock), input: { clientId, items: [{ tariffId, months: 1, addons: {}, params: { domain: siteDomain() } }] } });
    return { order, invoice: (await db().select().from(invoices).where(eq(invoices.orderId, order.id)))[0]! };
  };

  it("paid from the balance: the page and the PDF name the balance and its ledger entry in Russian, and in English", async () => {
    const { order: placed, invoice } = await order();
    await db().update(clients).set({ balance: 20000 }).where(eq(clients.id, clientId));
    await payOrder({ ctx: sys(db(), clock), input: { orderId: placed.id } });
    const [charge] = await db().select().from(balanceEntries).where(eq(balanceEntries.invoiceId, invoice.id));
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: invoice.id } });
    expect(doc.payment).toMatchObject({ method: "balance", reference: null, ledgerEntryId: charge!.id });
    const ru = [`способ: списание с баланса, номер платежа запись в истории баланса №${charge!.id}`];
    for (const text of [pageText(doc, "ru"), pdfText(await renderInvoicePdf(doc, "ru"))]) {
      for (const words of ru) expect(text).toContain(words);
      expect(text).not.toMatch(/Account balance|Ledger entry|account balance/);
    }
    expect(pageText(doc, "en")).toContain(`by account balance, reference ledger entry ${charge!.id}`);
  });

  it("paid by bank transfer: the method in Russian, the transfer's reference as recorded", async () => {
    const { invoice } = await order();
    await markInvoicePaid({ ctx: admin, input: { invoiceId: invoice.id, reason: "Платёжное поручение 42" } });
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: invoice.id } });
    const text = pdfText(await renderInvoicePdf(doc, "ru"));
    expect(text).toContain("способ: банковский перевод, номер платежа admin:");
    expect(pageText(doc, "ru")).toContain(`способ: банковский перевод, номер платежа admin:invoice:${invoice.id}`);
    expect(text).not.toContain("Bank transfer");
  });
});
