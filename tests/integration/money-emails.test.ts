import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, like, ne } from "drizzle-orm";
import { creditNotes, emailOutbox, invoices, services } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { queueInvoiceReminders } from "@/lib/billing/invoice-reminders";
import { deliverEmails, localTransport, readMailbox, resendTransport } from "@/lib/email/deliver";
import { refund } from "@/lib/services/balance/refund";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { renewService } from "@/lib/services/services/renew";
import { writeSettings } from "@/lib/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, siteDomain, sys, makeManualTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";
import { startFakeResend } from "../helpers/fake-resend";

const DAY = 86_400_000;

describe("emails of money events: each queued once, through the outbox", () => {
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

  const mailOf = (clientId: number) => db().select().from(emailOutbox).where(eq(emailOutbox.clientId, clientId)).orderBy(emailOutbox.id);
  const place = async (clientId: number) => {
    const { order } = await createOrder({ ctx: sys(db(), clock), input: { clientId, items: [{ tariffId, months: 1, addons: {}, params: { domain: siteDomain() } }] } });
    return { order, invoice: (await db().select().from(invoices).where(eq(invoices.orderId, order.id)))[0]! };
  };

  it("placing an order queues its confirmation and the invoice issued; paying it, the receipt; paying again, nothing more", async () => {
    const client = await createClient(db(), 9900);
    const { order, invoice } = await place(client.id);
    expect((await mailOf(client.id)).map((m) => [m.template, m.dedupeKey])).toEqual([
      ["order-confirmation", `order-confirmation:${order.id}`],
      ["invoice-issued", `invoice-issued:${invoice.id}`],
    ]);
    await payOrder({ ctx: sys(db(), clock), input: { orderId: order.id } });
    await payOrder({ ctx: sys(db(), clock), input: { orderId: order.id } });
    const mail = await mailOf(client.id);
    expect(mail.map((m) => m.template)).toEqual(["order-confirmation", "invoice-issued", "payment-receipt"]);
    expect(mail[2]!.subject).toBe(`Receipt: $99.00 paid for invoice ${invoice.number}`);
    const [box] = await readMailbox(db(), { clientId: client.id, templates: ["invoice-issued"] });
    expect(box!.subject).toBe(`Invoice ${invoice.number}: $99.00`);
    expect(box!.text).toContain(`Please pay it by ${invoice.dueAt!.toISOString().slice(0, 10)}`);
    expect(box!.text).toContain(`/account/invoices/${invoice.id}`);
  });

  it("a renewal paid from the balance: its invoice issued (paid) and the receipt, once each", async () => {
    const client = await createClient(db(), 9900 * 2);
    const { order } = await place(client.id);
    const paid = await payOrder({ ctx: sys(db(), clock), input: { orderId: order.id } });
    const serviceId = paid.services[0]!.id;
    await db().update(services).set({ status: "active", expiresAt: new Date(clock.now().getTime() + 2 * DAY) }).where(eq(services.id, serviceId));
    await renewService({ ctx: sys(db(), clock), input: { serviceId } });
    const [renewal] = await db().select().from(invoices).where(and(eq(invoices.serviceId, serviceId), eq(invoices.kind, "renewal")));
    const mail = (await mailOf(client.id)).filter((m) => m.dedupeKey.endsWith(`:${renewal!.id}`));
    expect(mail.map((m) => m.template).sort()).toEqual(["invoice-issued", "payment-receipt"]);
    const [issued] = await readMailbox(db(), { clientId: client.id, templates: ["invoice-issued"], limit: 1 });
    expect(issued!.text).toContain("It is paid: nothing more is due.");
  });

  it("the invoice and the credit note go out with their PDFs: to Resend as base64 attachments, and named in the mailbox", async () => {
    const client = await createClient(db(), 9900);
    const { order, invoice } = await place(client.id);
    const paid = await payOrder({ ctx: sys(db(), clock), input: { orderId: order.id } });
    await refund({ ctx: admin, input: { serviceId: paid.services[0]!.id, mode: "full", reason: "Changed plans" } });
    const [note] = await db().select().from(creditNotes).where(eq(creditNotes.invoiceId, invoice.id));
    const box = await readMailbox(db(), { clientId: client.id });
    const named = Object.fromEntries(box.map((m) => [m.template, m.attachments]));
    expect(named).toMatchObject({
      "invoice-issued": [`invoice-${invoice.number}.pdf`], "credit-note": [`credit-note-${note!.number}.pdf`], "payment-receipt": [], "order-confirmation": [],
    });
    // Only this client's emails go out here (the earlier tests' stay in the outbox as sent).
    await db().update(emailOutbox).set({ status: "sent" }).where(ne(emailOutbox.clientId, client.id));
    const fake = await startFakeResend();
    process.env.RESEND_BASE_URL = fake.url;
    try {
      await deliverEmails(db(), { clock, transport: resendTransport("re_test_key"), limit: 100 });
      const sent = [...fake.emails.values()].filter((e) => e.to === client.email);
      const files = Object.fromEntries(sent.map((e) => [e.subject, e.attachments]));
      const invoiceFiles = files[`Invoice ${invoice.number}: $99.00`]!;
      expect(invoiceFiles.map((f) => f.filename)).toEqual([`invoice-${invoice.number}.pdf`]);
      expect(invoiceFiles[0]!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      // The document's title is a plain string in the file (its page text is in the embedded font's glyphs).
      expect(invoiceFiles[0]!.content.toString("latin1")).toContain(`(Invoice ${invoice.number})`);
      const noteFiles = files[`Credit note ${note!.number} for invoice ${invoice.number}`]!;
      expect(noteFiles.map((f) => f.filename)).toEqual([`credit-note-${note!.number}.pdf`]);
      expect(noteFiles[0]!.content.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(noteFiles[0]!.content.toString("latin1")).toContain(`(Credit note ${note!.number})`);
      expect(files[`Receipt: $99.00 paid for invoice ${invoice.number}`]).toEqual([]);
    } finally {
      delete process.env.RESEND_BASE_URL;
      await fake.close();
    }
  });

  it("a refund's credit note is emailed once, naming the invoice", async () => {
    const client = await createClient(db(), 9900);
    const { order, invoice } = await place(client.id);
    const paid = await payOrder({ ctx: sys(db(), clock), input: { orderId: order.id } });
    await refund({ ctx: admin, input: { serviceId: paid.services[0]!.id, mode: "full", reason: "Changed plans" } });
    const notes = (await mailOf(client.id)).filter((m) => m.template === "credit-note");
    expect(notes).toHaveLength(1);
    expect(notes[0]!.subject).toMatch(new RegExp(`^Credit note CN-2026-\\d{6} for invoice ${invoice.number}$`));
  });

  it("reminders: one before the due date and one after, each once however often the sweep runs; none once paid or when set to 0", async () => {
    await writeSettings(db(), { reminderDaysBefore: 3, reminderDaysAfter: 2 });
    const client = await createClient(db());
    const { invoice } = await place(client.id);
    const due = invoice.dueAt!.getTime();
    const reminders = async () => (await db().select().from(emailOutbox).where(like(emailOutbox.dedupeKey, `invoice-reminder:${invoice.id}:%`))).map((m) => m.dedupeKey).sort();
    const sweep = (ms: number) => queueInvoiceReminders(db(), { clock: testClock(new Date(ms)) });
    await sweep(due - 4 * DAY);
    expect(await reminders()).toEqual([]);
    await sweep(due - 3 * DAY + 60_000);
    await sweep(due - 2 * DAY);
    expect(await reminders()).toEqual([`invoice-reminder:${invoice.id}:before`]);
    await sweep(due + DAY);
    expect(await reminders()).toHaveLength(1);
    await sweep(due + 2 * DAY + 60_000);
    await sweep(due + 3 * DAY);
    expect(await reminders()).toEqual([`invoice-reminder:${invoice.id}:after`, `invoice-reminder:${invoice.id}:before`]);
    const [after] = await readMailbox(db(), { clientId: client.id, templates: ["invoice-reminder"], limit: 1 });
    expect(after!.subject).toBe(`Invoice ${invoice.number} is overdue`);
    // A paid invoice, or reminders set to 0, get none.
    const other = await place(client.id);
    await db().update(invoices).set({ status: "paid", paidAt: clock.now() }).where(eq(invoices.id, other.invoice.id));
    await sweep(other.invoice.dueAt!.getTime() - 2 * DAY);
    const third = await place(client.id);
    await writeSettings(db(), { reminderDaysBefore: 0, reminderDaysAfter: 0 });
    await sweep(third.invoice.dueAt!.getTime() - 2 * DAY);
    await sweep(third.invoice.dueAt!.getTime() + 3 * DAY);
    const keys = (await mailOf(client.id)).map((m) => m.dedupeKey);
    expect(keys.filter((k) => k.startsWith(`invoice-reminder:${other.invoice.id}:`))).toEqual([]);
    expect(keys.filter((k) => k.startsWith(`invoice-reminder:${third.invoice.id}:`))).toEqual([]);
    await writeSettings(db(), { reminderDaysBefore: 3, reminderDaysAfter: 3 });
  });

  it("the local mailbox is handed no PDF (it keeps none, and names the invoice's)", async () => {
    const client = await createClient(db(), 9900);
    const { invoice } = await place(client.id);
    await db().update(emailOutbox).set({ status: "sent" }).where(ne(emailOutbox.clientId, client.id));
    const send = vi.spyOn(localTransport, "send");
    try {
      expect(await deliverEmails(db(), { clock, transport: localTransport, limit: 100 })).toMatchObject({ sent: 2 });
      expect(send.mock.calls.map(([email]) => email.subject)).toContain(`Invoice ${invoice.number}: $99.00`);
      expect(send.mock.calls.map(([email]) => email.attachments)).toEqual([[], []]);
    } finally {
      send.mockRestore();
    }
    const [box] = await readMailbox(db(), { clientId: client.id, templates: ["invoice-issued"] });
    expect(box!.attachments).toEqual([`invoice-${invoice.number}.pdf`]);
  });
});
