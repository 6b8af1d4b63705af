import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { NextIntlClientProvider } from "next-intl";
import { invoices } from "@/lib/db/schema";
import { createOrder } from "@/lib/services/orders/create";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { renderInvoicePdf } from "@/components/store/invoice-pdf";
import { InvoiceDocument } from "@/components/store/invoice-document";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, sys } from "../helpers/factories";
import { pdfText } from "../helpers/pdf-text";

/** An invoice line for an IDN: stored in punycode, read in Unicode on the invoice page and in its PDF. */
describe("invoices name an IDN as people write it", () => {
  let database: TestDatabase;
  const db = () => database.db;
  afterAll(async () => database.close());
  beforeAll(async () => {
    database = await createTestDatabase();
  });

  it("the line is stored in punycode; the page and the PDF show пример.рф", async () => {
    const handler = await makeHandler(db(), { module: "manual" });
    const tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 700 })).id;
    const clientId = (await createClient(db())).id;
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId, months: 1, addons: {}, params: { domain: "Пример.РФ" } }] } });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    const admin = { db: db(), actor: (await createUser(db(), "admin")).actor };
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: invoice!.id } });
    expect(doc.lines.map((l) => l.domain)).toContain("xn--e1afmkfd.xn--p1ai");
    const page = renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "en", messages: {}, children: createElement(InvoiceDocument, { doc }) }));
    const pdf = pdfText(await renderInvoicePdf(doc, "en"));
    for (const text of [page, pdf]) {
      expect(text).toContain("пример.рф");
      expect(text).not.toContain("xn--");
    }
  });
});
