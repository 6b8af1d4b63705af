import { schedules } from "@trigger.dev/sdk";
import { queueInvoiceReminders } from "../lib/billing/invoice-reminders";
import type { Db } from "../lib/db";
import { taskDatabase } from "../lib/jobs/task-database";

/** Every hour: queues the reminders of unpaid invoices before and after their due date, once each. */
export const invoiceReminders = async (db: Db) => queueInvoiceReminders(db);

export const invoiceRemindersTask = schedules.task({
  id: "invoice-reminders",
  cron: "47 * * * *",
  run: async () => invoiceReminders(await taskDatabase()),
});
