import { and, eq, gte, isNotNull, lte } from "drizzle-orm";
import type { Db } from "../db";
import { invoices } from "../db/schema";
import { systemClock, type Clock } from "../clock";
import { queueInvoiceReminderEmail } from "../email/money-emails";
import { readSettings } from "../settings";

const DAY_MS = 86_400_000;

/**
 * The reminder sweep: an unpaid invoice gets one reminder from `reminderDaysBefore` days before its
 * due date and one from `reminderDaysAfter` days after it (0 turns either off). Each is queued once
 * per invoice (its dedupe key), so running the sweep again sends nothing twice; an invoice paid or
 * voided meanwhile gets none. Reminders are looked for within a week of their day, so a sweep that
 * did not run for a while still sends them, and an old invoice is not reminded of years later.
 */
export async function queueInvoiceReminders(db: Db, opts: { clock?: Clock; limit?: number } = {}): Promise<{ before: number; after: number }> {
  const at = (opts.clock ?? systemClock).now();
  const { reminderDaysBefore, reminderDaysAfter } = await readSettings(db);
  const window = 7 * DAY_MS;
  const due = (days: number, sign: 1 | -1) => {
    // The reminder's day is dueAt + sign·days: it is time once that day has come, for a week.
    const latest = new Date(at.getTime() - sign * days * DAY_MS);
    return and(lte(invoices.dueAt, latest), gte(invoices.dueAt, new Date(latest.getTime() - window)));
  };
  const sent = { before: 0, after: 0 };
  const rules: ["before" | "after", number, 1 | -1][] = [["before", reminderDaysBefore, -1], ["after", reminderDaysAfter, 1]];
  for (const [when, days, sign] of rules) {
    if (days <= 0) continue;
    const list = await db
      .select()
      .from(invoices)
      .where(and(eq(invoices.status, "unpaid"), isNotNull(invoices.number), isNotNull(invoices.dueAt), due(days, sign)))
      .orderBy(invoices.id)
      .limit(opts.limit ?? 500);
    for (const invoice of list) {
      // "before" is only for an invoice not yet due; "after" only for one overdue.
      if (when === "before" && invoice.dueAt! <= at) continue;
      if (await queueInvoiceReminderEmail(db, invoice, when, at)) sent[when]++;
    }
  }
  return sent;
}
