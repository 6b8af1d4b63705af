import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import { clients, invoiceCounters, invoices } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { issueInvoiceNumber, sellerKey } from "@/lib/billing/invoice-number";
import { issueInvoice } from "@/lib/billing/issue-invoice";
import { createOrder } from "@/lib/services/orders/create";
import { voidInvoice } from "@/lib/services/invoices/void";
import { markInvoicePaid } from "@/lib/services/invoices/mark-paid";
import { updateSettings } from "@/lib/services/settings/update";
import { find } from "@/lib/services/search/find";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { renderInvoicePdf } from "@/components/store/invoice-pdf";
import { pdfText } from "../helpers/pdf-text";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, siteDomain, sys, makeManualTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";

/**
 * Invoice numbers, on PGlite and on PostgreSQL (DATABASE_URL), where concurrent issues run on
 * separate connections. There is one seller (INVOICE_SELLER_*), so "per seller and year" is per
 * installation and year: the counter row is (seller "default", year).
 */
describe("invoice numbers: gapless per seller and year, given once", () => {
  let database: TestDatabase;
  let tariffId: number;
  let clientId: number;
  let admin: Ctx;
  const db = () => database.db;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));

  beforeAll(async () => {
    database = await createTestDatabase();
    tariffId = await makeManualTariff(db());
    clientId = (await createClient(db())).id;
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
  });
  afterAll(async () => database.close());

  const order = async () => {
    const { order } = await createOrder({ ctx: sys(db(), clock), input: { clientId, items: [{ tariffId, months: 1, addons: {}, params: { domain: siteDomain() } }] } });
    return (await db().select().from(invoices).where(eq(invoices.orderId, order.id)))[0]!;
  };

  it("twenty orders placed at once get INV-2026-000001 to 000020, no gap and no duplicate", async () => {
    const issued = await Promise.all(Array.from({ length: 20 }, () => order()));
    const numbers = issued.map((i) => i.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-2026-${String(i + 1).padStart(6, "0")}`));
    expect(issued[0]!.issuedAt).toEqual(clock.now());
    // unpaid: due 14 days after issue by default
    expect(issued[0]!.dueAt!.getTime() - issued[0]!.issuedAt!.getTime()).toBe(14 * 86_400_000);
  });

  it("an issue rolled back gives its number back: the next invoice takes it", async () => {
    await expect(
      db().transaction(async (tx) => {
        expect((await issueInvoiceNumber(tx, { at: clock.now() })).number).toBe("INV-2026-000021");
        throw new Error("the order failed after its number was given");
      }),
    ).rejects.toThrow("failed after");
    expect((await order()).number).toBe("INV-2026-000021");
  });

  it("a new year starts again at 1, and the old year carries on where it was", async () => {
    clock.set(new Date("2027-01-01T00:00:05Z"));
    expect((await order()).number).toBe("INV-2027-000001");
    clock.set(new Date("2026-12-31T23:59:00Z"));
    expect((await order()).number).toBe("INV-2026-000022");
    clock.set(new Date("2026-03-02T10:00:00Z"));
  });

  it("follows the format and due days the admin sets, and refuses a format without year or counter", async () => {
    await updateSettings({ ctx: admin, input: { invoiceNumberFormat: "F/{YYYY}/{0001}", invoiceDueDays: 30 } });
    const next = await order();
    expect(next.number).toBe("F/2026/0023");
    expect(next.dueAt!.getTime() - next.issuedAt!.getTime()).toBe(30 * 86_400_000);
    await expect(updateSettings({ ctx: admin, input: { invoiceNumberFormat: "F-{0001}" } })).rejects.toMatchObject({ code: "validation" });
    await updateSettings({ ctx: admin, input: { invoiceNumberFormat: "INV-{YYYY}-{000001}", invoiceDueDays: 14 } });
  });

  it("a number never changes: voiding or marking paid keeps it, and the database refuses an edit", async () => {
    const voided = await order();
    const after = await voidInvoice({ ctx: admin, input: { invoiceId: voided.id, reason: "Ordered twice", number: "INV-2026-999999" } });
    expect(after.number).toBe(voided.number);
    const paid = await order();
    await markInvoicePaid({ ctx: admin, input: { invoiceId: paid.id, reason: "Bank transfer" } });
    const [row] = await db().select().from(invoices).where(eq(invoices.id, paid.id));
    expect([row!.status, row!.number, row!.issuedAt]).toEqual(["paid", paid.number, paid.issuedAt]);
    // The paid invoice names its payment and reference.
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: paid.id } });
    expect(doc.payment).toMatchObject({ method: "admin", reference: `admin:invoice:${paid.id}`, ledgerEntryId: null, amount: 9900 });
    await expect(db().update(invoices).set({ number: "INV-2026-999999" }).where(eq(invoices.id, paid.id))).rejects.toThrow();
    await expect(db().update(invoices).set({ issuedAt: new Date("2020-01-01T00:00:00Z") }).where(eq(invoices.id, paid.id))).rejects.toThrow();
    await expect(db().update(invoices).set({ number: null }).where(eq(invoices.id, paid.id))).rejects.toThrow();
  });

  it("the admin finds an invoice by its printed number, and the document carries it", async () => {
    const found = await find({ ctx: admin, input: { q: "inv-2026-000003" } });
    expect(found.invoices.map((i) => i.number)).toEqual(["INV-2026-000003"]);
    const [third] = await db().select().from(invoices).where(eq(invoices.number, "INV-2026-000003"));
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: third!.id } });
    expect([doc.invoice.number, doc.invoice.issuedAt, doc.invoice.dueAt]).toEqual([third!.number, third!.issuedAt, third!.dueAt]);
  });

  it("the PDF carries the number, the seller's details (INVOICE_SELLER_*) as at issue, the buyer's in any script, the lines and the total", async () => {
    process.env.INVOICE_SELLER_NAME = "Example Hosting Ltd";
    process.env.INVOICE_SELLER_TAX_ID = "DE123456789";
    await db().update(clients).set({ company: "ООО «Ромашка»", address: "ул. Ленина, д. 1", city: "Москва", postcode: "101000", country: "RU" }).where(eq(clients.id, clientId));
    let issued: typeof invoices.$inferSelect;
    try {
      issued = await order();
    } finally {
      delete process.env.INVOICE_SELLER_NAME;
      delete process.env.INVOICE_SELLER_TAX_ID;
    }
    // The seller changed its details after issue: the invoice keeps the ones it was issued with.
    const pdf = await renderInvoicePdf(await getInvoiceDocument({ ctx: admin, input: { invoiceId: issued.id } }));
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    for (const words of [`Invoice ${issued.number}`, "Example Hosting Ltd", "Tax ID DE123456789", `Due ${issued.dueAt!.toISOString().slice(0, 10)}`, "1 month", "Total $99.00", "ООО «Ромашка»", "ул. Ленина, д. 1", "101000 Москва", "Russia"]) {
      expect(text).toContain(words);
    }
  });

  it("concurrent issues on separate connections, some rolled back, leave unique numbers without a gap", async () => {
    const before = (await db().select().from(invoiceCounters).where(and(eq(invoiceCounters.seller, sellerKey), eq(invoiceCounters.year, 2026))))[0]!.last;
    const attempts = Array.from({ length: 12 }, (_, i) =>
      db().transaction(async (tx) => {
        const { invoice } = await issueInvoice(tx, { clientId, kind: "order", currency: "USD", description: `Concurrent ${i}`, at: clock.now(), lines: [{ description: "Item", price: 100 }] });
        if (i % 3 === 0) throw new Error("rolled back after taking a number");
        return invoice.number!;
      }),
    );
    const settled = await Promise.allSettled(attempts);
    const numbers = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])).sort();
    expect(numbers).toHaveLength(8);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => `INV-2026-${String(before + i + 1).padStart(6, "0")}`));
  });

  it("invoices from before numbering get numbers in id order per year, and the counters continue after them", async () => {
    const old = await createClient(db());
    const insertOld = (createdAt: string) =>
      db().insert(invoices).values({ clientId: old.id, kind: "order", amount: 100, currency: "USD", createdAt: new Date(createdAt) }).returning({ id: invoices.id });
    const a = (await insertOld("2019-05-01T00:00:00Z"))[0]!.id;
    const b = (await insertOld("2018-02-01T00:00:00Z"))[0]!.id;
    const c = (await insertOld("2019-01-01T00:00:00Z"))[0]!.id;
    const backfill = readFileSync(join(import.meta.dirname, "../../drizzle/0017_backfill_invoice_numbers.sql"), "utf8");
    for (const statement of backfill.split("--> statement-breakpoint").slice(0, 2)) await db().execute(sql.raw(statement));
    const rows = await db().select().from(invoices).where(eq(invoices.clientId, old.id)).orderBy(asc(invoices.id));
    expect(rows.map((r) => [r.id, r.number])).toEqual([[a, "INV-2019-000001"], [b, "INV-2018-000001"], [c, "INV-2019-000002"]]);
    const counters = await db().select().from(invoiceCounters).where(eq(invoiceCounters.seller, "default")).orderBy(asc(invoiceCounters.year));
    expect(counters.map((r) => [r.year, r.last])).toEqual([[2018, 1], [2019, 2], [2026, 34], [2027, 1]]);
  });
});
