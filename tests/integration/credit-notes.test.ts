import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq, inArray } from "drizzle-orm";
import { balanceEntries, creditNotes, emailOutbox, invoices, orderItems, services } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { issueCreditNote } from "@/lib/billing/credit-note";
import { refund } from "@/lib/services/balance/refund";
import { voidInvoice } from "@/lib/services/invoices/void";
import { cancelOrder } from "@/lib/services/orders/cancel";
import { cancelSetup } from "@/lib/services/services/cancel-setup";
import { createOrder } from "@/lib/services/orders/create";
import { updateSettings } from "@/lib/services/settings/update";
import { getCreditNoteDocument, listCreditNotes } from "@/lib/services/invoices/credit-notes";
import { creditNotePrint, renderCreditNotePdf } from "@/components/store/credit-note-pdf";
import { pdfText } from "../helpers/pdf-text";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, orderAndPay, siteDomain, sys, makeManualTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";

describe("credit notes: every refund or void after issue is a numbered credit note on its invoice", () => {
  let database: TestDatabase;
  let tariffId: number;
  let admin: Ctx;
  const db = () => database.db;
  const clock = testClock(new Date("2026-03-01T10:00:00Z"));

  beforeAll(async () => {
    database = await createTestDatabase();
    tariffId = await makeManualTariff(db());
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
  });
  afterAll(async () => database.close());

  const notesOf = (invoiceId: number) => db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoiceId)).orderBy(asc(creditNotes.id));
  const orderInvoiceOf = async (serviceId: number) => {
    const [row] = await db()
      .select({ invoice: invoices })
      .from(services)
      .innerJoin(orderItems, eq(orderItems.id, services.orderItemId))
      .innerJoin(invoices, eq(invoices.orderId, orderItems.orderId))
      .where(eq(services.id, serviceId));
    return row!.invoice;
  };
  const unpaidOrder = async (clientId: number) => {
    const { order } = await createOrder({ ctx: sys(db(), clock), input: { clientId, items: [{ tariffId, months: 1, addons: {}, params: { domain: siteDomain() } }] } });
    return (await db().select().from(invoices).where(eq(invoices.orderId, order.id)))[0]!;
  };

  it("a refund is a credit note numbered CN-2026-000001 on the invoice that paid, for the refund's amount, with its email", async () => {
    const client = await createClient(db(), 9900);
    const service = await orderAndPay(db(), client.id, tariffId, {}, clock);
    const invoice = await orderInvoiceOf(service.id);
    const done = await refund({ ctx: admin, input: { serviceId: service.id, mode: "full", reason: "Not what I needed" } });
    expect(done.amount).toBe(9900);
    const [note] = await notesOf(invoice.id);
    expect(note).toMatchObject({ number: "CN-2026-000001", kind: "refund", amount: 9900, currency: invoice.currency, clientId: client.id, serviceId: service.id });
    expect(note!.reason).toContain("Not what I needed");
    expect(note!.issuedAt).toEqual(clock.now());
    const [entry] = await db().select().from(balanceEntries).where(eq(balanceEntries.id, note!.balanceEntryId!));
    expect(entry).toMatchObject({ kind: "refund", amount: 9900, clientId: client.id });
    const mail = await db().select().from(emailOutbox).where(eq(emailOutbox.dedupeKey, `credit-note:${note!.id}`));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe(`Credit note CN-2026-000001 for invoice ${invoice.number}`);
  });

  it("pro rata then full: two credit notes adding up to what was paid; a third refund is refused and issues none", async () => {
    const client = await createClient(db(), 9900);
    const service = await orderAndPay(db(), client.id, tariffId, {}, clock);
    await db().update(services).set({ status: "active", expiresAt: new Date("2026-04-01T10:00:00Z") }).where(eq(services.id, service.id));
    const invoice = await orderInvoiceOf(service.id);
    const half = await refund({ ctx: { ...admin, clock: testClock(new Date("2026-03-16T22:00:00Z")) }, input: { serviceId: service.id, mode: "pro_rata", reason: "Outage" } });
    const rest = await refund({ ctx: admin, input: { serviceId: service.id, mode: "full", reason: "Goodwill" } });
    await expect(refund({ ctx: admin, input: { serviceId: service.id, mode: "full", reason: "Again" } })).rejects.toMatchObject({ code: "unprocessable" });
    const notes = await notesOf(invoice.id);
    expect(notes.map((n) => n.amount)).toEqual([half.amount, rest.amount]);
    expect(half.amount + rest.amount).toBe(9900);
    expect(notes.map((n) => n.number)).toEqual(["CN-2026-000002", "CN-2026-000003"]);
  });

  it("a set-up cancelled and refunded is a credit note too", async () => {
    const client = await createClient(db(), 9900);
    const service = await orderAndPay(db(), client.id, tariffId, {}, clock);
    const invoice = await orderInvoiceOf(service.id);
    await cancelSetup({ ctx: admin, input: { serviceId: service.id, reason: "Out of stock" } });
    const notes = await notesOf(invoice.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: "refund", amount: 9900 });
  });

  it("voiding an unpaid invoice issues a credit note for the whole of it, with no money moved; a cancelled order likewise", async () => {
    const client = await createClient(db());
    const invoice = await unpaidOrder(client.id);
    await voidInvoice({ ctx: admin, input: { invoiceId: invoice.id, reason: "Ordered twice" } });
    const [note] = await notesOf(invoice.id);
    expect(note).toMatchObject({ kind: "void", amount: invoice.amount, balanceEntryId: null, serviceId: null });
    expect(note!.reason).toBe("Invoice voided: Ordered twice");
    const other = await unpaidOrder(client.id);
    await cancelOrder({ ctx: sys(db(), clock), input: { orderId: other.orderId } });
    expect((await notesOf(other.id)).map((n) => [n.kind, n.amount])).toEqual([["void", other.amount]]);
    expect(await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, client.id))).toHaveLength(0);
  });

  it("the refund credit notes add up to the refund entries of the ledger, entry by entry", async () => {
    const refunds = await db().select().from(balanceEntries).where(eq(balanceEntries.kind, "refund"));
    const notes = await db().select().from(creditNotes).where(eq(creditNotes.kind, "refund"));
    expect(notes.length).toBeGreaterThan(0);
    const positive = refunds.filter((e) => e.amount > 0);
    for (const entry of positive) {
      expect(notes.filter((n) => n.balanceEntryId === entry.id).reduce((s, n) => s + n.amount, 0)).toBe(entry.amount);
    }
    expect(notes.reduce((s, n) => s + n.amount, 0)).toBe(positive.reduce((s, e) => s + e.amount, 0));
  });

  it("numbers stay gapless when credit notes are issued at once, and a rolled-back one gives its number back", async () => {
    const client = await createClient(db());
    const unpaid = await Promise.all(Array.from({ length: 12 }, () => unpaidOrder(client.id)));
    const before = (await db().select().from(creditNotes)).length;
    await Promise.all(unpaid.map((i) => voidInvoice({ ctx: admin, input: { invoiceId: i.id, reason: "Batch" } })));
    const notes = await db().select().from(creditNotes).where(inArray(creditNotes.invoiceId, unpaid.map((i) => i.id)));
    expect(notes.map((n) => n.number).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `CN-2026-${String(before + i + 1).padStart(6, "0")}`));
    await expect(
      db().transaction(async (tx) => {
        const note = await issueCreditNote(tx, { invoice: unpaid[0]!, amount: 1, kind: "void", reason: "test", at: clock.now() });
        expect(note!.number).toBe(`CN-2026-${String(before + 13).padStart(6, "0")}`);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await updateSettings({ ctx: admin, input: { creditNoteNumberFormat: "CR/{YYYY}/{0001}" } });
    const next = await unpaidOrder(client.id);
    await voidInvoice({ ctx: admin, input: { invoiceId: next.id, reason: "Format" } });
    expect((await notesOf(next.id))[0]!.number).toBe(`CR/2026/${String(before + 13).padStart(4, "0")}`);
    await updateSettings({ ctx: admin, input: { creditNoteNumberFormat: "CN-{YYYY}-{000001}" } });
  });

  it("a client lists and opens its own credit notes; another client's is 404", async () => {
    const owner = await createClient(db(), 9900);
    const service = await orderAndPay(db(), owner.id, tariffId, {}, clock);
    await refund({ ctx: admin, input: { serviceId: service.id, mode: "full", reason: "Moving away" } });
    const me = { db: db(), actor: (await createUser(db(), "client", { clientId: owner.id })).actor, clock };
    const mine = await listCreditNotes({ ctx: me, input: {} });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]!.invoiceNumber).toMatch(/^INV-2026-/);
    const doc = await getCreditNoteDocument({ ctx: me, input: { creditNoteId: mine.items[0]!.id } });
    expect(doc.invoiceDoc.invoice.id).toBe(mine.items[0]!.invoiceId);
    // Printed by the invoice PDF component: the invoice's parties, the credit note's number and date, one negative line.
    const print = creditNotePrint(doc);
    expect(print.credit).toEqual({ number: mine.items[0]!.number, issuedAt: clock.now(), invoiceNumber: mine.items[0]!.invoiceNumber, reason: `Refund for service #${service.id}: Moving away` });
    expect(print.buyer).toEqual(doc.invoiceDoc.buyer);
    expect(print.lines).toMatchObject([{ description: `Credit for invoice ${mine.items[0]!.invoiceNumber}: Refund for service #${service.id}: Moving away`, net: -9900, taxAmount: 0, total: -9900 }]);
    expect([print.invoice.amount, print.subtotal, print.payment]).toEqual([-9900, -9900, null]);
    const pdf = await renderCreditNotePdf(doc);
    expect(pdf.toString("latin1")).toContain(`(Credit note ${mine.items[0]!.number})`);
    // A Russian client's copy: the credit note's labels and its line in Russian (the stored reason as written).
    const ru = pdfText(await renderCreditNotePdf(doc, "ru"));
    for (const words of [`Кредит-нота ${mine.items[0]!.number}`, `К счёту ${mine.items[0]!.invoiceNumber}`, `Уменьшение счёта ${mine.items[0]!.invoiceNumber}`]) expect(ru).toContain(words);
    expect(ru).not.toMatch(/Credit note|For invoice|Credit for invoice/);
    const stranger = { db: db(), actor: (await createUser(db(), "client")).actor, clock };
    await expect(getCreditNoteDocument({ ctx: stranger, input: { creditNoteId: mine.items[0]!.id } })).rejects.toMatchObject({ code: "not_found" });
    expect((await listCreditNotes({ ctx: stranger, input: {} })).items).toHaveLength(0);
  });
});
