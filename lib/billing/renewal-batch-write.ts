import { inArray, sql } from "drizzle-orm";
import type { Tx } from "../db";
import { rows } from "../db/rows";
import { balanceEntries, invoiceLines, invoices, operations, serviceHistory, serviceSuspensions, services } from "../db/schema";
import { enqueueEmails } from "../email/enqueue";
import { invoiceIssuedMail, paymentReceiptMail } from "../email/money-emails";
import { isLocale } from "../i18n/locales";
import { notifyRunners } from "../processing/wake";
import { readSettings } from "../settings";
import { renewalReference, renewedMessage } from "../services/services/charge-renewal";
import { suspendParams } from "../services/services/suspensions";
import { invoiceRow, lineRows, sellerOf } from "./issue-invoice";
import { numbered, sellerKey, takeNumbers } from "./invoice-number";
import { renewalDescription, renewalInvoiceInput } from "./renewal-invoices";
import { notCovered, renewalMail, stopMessages, unpaidInvoiceWords } from "./renewal-words";
import { taxInvoice } from "./tax";
import { loadTaxSetup, taxBuyerOf } from "./tax-setup";
import type { Planned } from "./renewal-batch";

/** A write of the batch met a row another transaction made meanwhile: the batch goes one by one instead. */
export class BatchConflict extends Error {}

export type BatchResult = { renewed: number; failed: number; suspended: number; invoiced: number; operationIds: number[] };

/**
 * Writes the planned renewals of a batch with a statement per table instead of per service: the
 * same rows, numbers, ledger entries, operations, history and emails as one-by-one renewal
 * (lib/billing/renewals.ts) would write, in service order. The invoice counter is taken last of
 * the locks, for all the batch's invoices at once (consecutive numbers, gapless).
 */
export async function writeBatch(tx: Tx, planned: Planned[], at: Date): Promise<BatchResult> {
  if (planned.length === 0) return { renewed: 0, failed: 0, suspended: 0, invoiced: 0, operationIds: [] };
  const paid = planned.filter((p) => p.paid);
  const stopped = planned.filter((p) => p.suspend);

  // Operations first: a unique index keeps one of a kind per service; a row already there is a conflict.
  const opRows: (typeof operations.$inferInsert)[] = planned.flatMap((p): (typeof operations.$inferInsert)[] => p.paid
    ? [{ serviceId: p.service.id, kind: "prolong" as const, params: { months: p.months, forExpiry: p.service.expiresAt!.toISOString() }, runAt: at }]
    : p.suspend ? [{ serviceId: p.service.id, kind: "suspend" as const, params: suspendParams({ reason: "non_payment", scope: "service" }), runAt: at }] : []);
  const ops = opRows.length ? await tx.insert(operations).values(opRows).onConflictDoNothing().returning({ id: operations.id }) : [];
  if (ops.length !== opRows.length) throw new BatchConflict("an operation of a planned service was queued meanwhile");
  if (stopped.length) {
    const held = await tx.insert(serviceSuspensions)
      .values(stopped.map((p) => ({ serviceId: p.service.id, reason: "non_payment" as const, scope: "service" as const, note: null, byUserId: null, createdAt: at })))
      .onConflictDoNothing().returning({ id: serviceSuspensions.id });
    if (held.length !== stopped.length) throw new BatchConflict("a suspension of a planned service was held meanwhile");
  }
  for (const [kind, list] of [["prolong", paid], ["suspend", stopped]] as const) {
    if (list.length) await tx.update(services).set({ pending: kind }).where(inArray(services.id, list.map((p) => p.service.id)));
  }
  await chargeBalances(tx, paid);

  const { invoiceNumberFormat, invoiceDueDays } = await readSettings(tx);
  const [setup, seller] = await Promise.all([loadTaxSetup(tx), sellerOf(tx)]);
  const first = await takeNumbers(tx, sellerKey, at.getUTCFullYear(), planned.length);
  const numbers = planned.map((p, i) => numbered(invoiceNumberFormat, invoiceDueDays, first + i, { at, paid: p.paid }));
  const inputs = planned.map((p) => renewalInvoiceInput({
    clientId: p.client.id, serviceId: p.service.id, expiry: p.service.expiresAt!, months: p.months, price: p.total, catalogPrice: p.catalogPrice,
    currency: p.currency, tariffName: p.tariffName, at, paid: p.paid,
  }, null));
  const taxed = planned.map((p, i) => taxInvoice(setup, taxBuyerOf(p.client), inputs[i]!.lines.map((l) => l.price)));
  const rows = await tx.insert(invoices).values(planned.map((p, i) => invoiceRow(inputs[i]!, p.client, taxed[i]!, numbers[i]!, seller))).returning();
  const byNumber = new Map(rows.map((r) => [r.number, r]));
  const issued = numbers.map((n) => byNumber.get(n.number)!);
  issued.forEach((invoice, i) => {
    if (invoice.amount !== planned[i]!.total) throw new Error(`Renewal invoice of service ${planned[i]!.service.id} totals ${invoice.amount}, not ${planned[i]!.total}`);
  });
  await tx.insert(invoiceLines).values(planned.flatMap((_, i) => lineRows(issued[i]!.id, inputs[i]!.lines, taxed[i]!)));
  if (paid.length) {
    await tx.insert(balanceEntries).values(planned.flatMap((p, i) => p.paid ? [{
      clientId: p.client.id, kind: "charge" as const, amount: -p.total, currency: p.currency, balanceAfter: p.balance, invoiceId: issued[i]!.id,
      reference: renewalReference(p.service), note: renewalDescription(p.service.id, p.tariffName, p.months), actorUserId: null, createdAt: at,
    }] : []));
  }

  const history: (typeof serviceHistory.$inferInsert)[] = [];
  const mail = [];
  for (const [i, p] of planned.entries()) {
    const invoice = issued[i]!;
    const base = { serviceId: p.service.id, fromStatus: p.service.status, toStatus: p.service.status, createdAt: at };
    const recipient = { name: p.client.name, email: p.client.email, locale: p.client.locale };
    mail.push(invoiceIssuedMail(invoice, recipient, at));
    if (p.paid) {
      history.push({ ...base, actorUserId: null, message: renewedMessage(p.months, p.total, p.currency) });
      mail.push(paymentReceiptMail(invoice, recipient, at));
      continue;
    }
    const words = unpaidInvoiceWords(invoice);
    history.push({ ...base, message: words.history });
    const key = `${p.service.id}:${p.service.expiresAt!.toISOString().slice(0, 10)}`;
    const row = { service: p.service, tariffName: p.tariffName, email: p.client.email };
    const reason = notCovered(p.balance, p.total, p.currency, words.sentence);
    mail.push({ ...renewalMail(row, "renewal-failed", `renewal-failed:svc:${key}`, at, reason), locale: isLocale(p.client.locale) ? p.client.locale : null });
    if (p.suspend) history.push({ ...base, message: stopMessages.suspend });
  }
  await tx.insert(serviceHistory).values(history);
  const queued = await enqueueEmails(tx, mail);
  if (queued.length !== mail.length) throw new BatchConflict("an email of a planned service was queued meanwhile");
  await notifyRunners(tx);
  const short = planned.length - paid.length;
  return { renewed: paid.length, failed: short, invoiced: short, suspended: stopped.length, operationIds: ops.map((o) => o.id) };
}

/** Each paying client's balance less what its renewals charged, in one statement; the planned balances must come out. */
async function chargeBalances(tx: Tx, paid: Planned[]): Promise<void> {
  const charged = new Map<number, { sum: number; after: number }>();
  for (const p of paid) charged.set(p.client.id, { sum: (charged.get(p.client.id)?.sum ?? 0) + p.total, after: p.balance });
  if (charged.size === 0) return;
  const values = sql.join([...charged].map(([id, c]) => sql`(${id}::int, ${c.sum}::bigint)`), sql`, `);
  const updated = await rows<{ id: number; balance: string | number }>(tx, sql`update clients set balance = clients.balance - v.charged
    from (values ${values}) as v(id, charged) where clients.id = v.id returning clients.id, clients.balance`);
  if (updated.length !== charged.size || updated.some((u) => Number(u.balance) !== charged.get(Number(u.id))!.after)) {
    throw new BatchConflict("a paying client's balance changed meanwhile");
  }
}
