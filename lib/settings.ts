import { inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Conn } from "./db";
import { settings } from "./db/schema";
import { memoized } from "./db/memo";
import { defaultCreditNoteNumberFormat, defaultInvoiceNumberFormat, invoiceNumberFormatSchema } from "./billing/invoice-format";

export const settingsSchema = z.object({
  retryIntervalSeconds: z.number().int().min(1).max(86_400),
  maxAttempts: z.number().int().min(1).max(100),
  syncIntervalSeconds: z.number().int().min(60).max(30 * 86_400),
  graceDays: z.number().int().min(0).max(365),
  /** An order left unpaid this many days is cancelled by the sweep. */
  unpaidOrderDays: z.number().int().min(1).max(365),
  defaultDepartmentId: z.number().int().positive().nullable(),
  /** How invoice numbers look, e.g. INV-{YYYY}-{000001}. */
  invoiceNumberFormat: invoiceNumberFormatSchema,
  /** An invoice issued unpaid is due this many days later. */
  invoiceDueDays: z.number().int().min(0).max(365),
  /** How credit note numbers look, e.g. CN-{YYYY}-{000001}: a series of their own. */
  creditNoteNumberFormat: invoiceNumberFormatSchema,
  /** Reminders of an unpaid invoice this many days before its due date, and after it; 0 sends none. */
  reminderDaysBefore: z.number().int().min(0).max(60),
  reminderDaysAfter: z.number().int().min(0).max(60),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  retryIntervalSeconds: 300,
  maxAttempts: 3,
  syncIntervalSeconds: 6 * 3600,
  graceDays: 7,
  unpaidOrderDays: 14,
  defaultDepartmentId: null,
  invoiceNumberFormat: defaultInvoiceNumberFormat,
  invoiceDueDays: 14,
  creditNoteNumberFormat: defaultCreditNoteNumberFormat,
  reminderDaysBefore: 3,
  reminderDaysAfter: 3,
};

/** The settings in force: stored values over the defaults. */
export function readSettings(conn: Conn): Promise<Settings> {
  return memoized(conn, "settings", () => loadSettings(conn));
}

async function loadSettings(conn: Conn): Promise<Settings> {
  const keys = Object.keys(defaultSettings);
  const stored = await conn.select().from(settings).where(inArray(settings.key, keys));
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const row of stored) merged[row.key] = row.value;
  const parsed = settingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : defaultSettings;
}

export async function writeSettings(conn: Conn, values: Partial<Settings>): Promise<void> {
  for (const [key, raw] of Object.entries(values)) {
    // a JSON null, not SQL NULL: "no default department" is a value too
    const value = raw === null ? sql`'null'::jsonb` : raw;
    await conn
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date() } });
  }
}
