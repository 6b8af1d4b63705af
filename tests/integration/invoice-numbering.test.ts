import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { invoiceCounters, invoices } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { issueInvoiceNumber } from "@/lib/billing/invoice-number";
import { createOrder } from "@/lib/services/orders/create";
import { voidInvoice } from "@/lib/services/invoices/void";
import { markInvoicePaid } from "@/lib/services/invoices/mark-paid";
import { updateSettings } from "@/lib/services/settings/update";
import { find } from "@/lib/services/search/find";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { renderInvoicePdf } from "@/components/store/invoice-pdf";
import { inflateSync } from "node:zlib";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, siteDomain, sys } from "../helpers/factories";
import { testClock } from "../helpers/clock";

describe("invoice numbers: gapless per seller and year, given once", () => {
  let database: TestDatabase;
  let tariffId: number;
  let clientId: number;
  let admin: Ctx;
  const db = () => database.db;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));

  beforeAll(async () => {
    database = await createTestDatabase();
    const handler = await makeHandler(db(), { module: "manual", productType: "dedicated" });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 9900, productType: "dedicated", template: null })).id;
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

  it("the PDF carries the number, the seller's details (INVOICE_SELLER_*), the lines and the total", async () => {
    process.env.INVOICE_SELLER_NAME = "Example Hosting Ltd";
    process.env.INVOICE_SELLER_TAX_ID = "DE123456789";
    try {
      const [third] = await db().select().from(invoices).where(eq(invoices.number, "INV-2026-000003"));
      const pdf = await renderInvoicePdf(await getInvoiceDocument({ ctx: admin, input: { invoiceId: third!.id } }));
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      const text = pdfText(pdf);
      for (const words of ["Invoice INV-2026-000003", "Example Hosting Ltd", "Tax ID DE123456789", "Due 2026-03-15", "1 month", "Total $99.00"]) expect(text).toContain(words);
    } finally {
      delete process.env.INVOICE_SELLER_NAME;
      delete process.env.INVOICE_SELLER_TAX_ID;
    }
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
    expect(counters.map((r) => [r.year, r.last])).toEqual([[2018, 1], [2019, 2], [2026, 25], [2027, 1]]);
  });
});

/** The text a PDF shows, runs joined by single spaces (its page streams inflated, hex strings decoded). */
function pdfText(pdf: Buffer): string {
  const runs: string[] = [];
  for (const m of pdf.toString("latin1").matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let page: string;
    try {
      page = inflateSync(Buffer.from(m[1]!, "latin1")).toString("latin1");
    } catch {
      continue;
    }
    for (const tj of page.matchAll(/\[(.*?)\] TJ/g)) runs.push([...tj[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => Buffer.from(h[1]!, "hex").toString("latin1")).join(""));
  }
  return runs.join(" ").replace(/\s+/g, " ");
}
