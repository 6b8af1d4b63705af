import { z } from "zod";

/** `{YYYY}` is the year of issue; `{000001}` (any width of zeros ending in 1) the counter, zero-padded to that width. */
const COUNTER = /\{(0*1)\}/g;
const YEAR = /\{YYYY\}/g;

export const defaultInvoiceNumberFormat = "INV-{YYYY}-{000001}";
export const defaultCreditNoteNumberFormat = "CN-{YYYY}-{000001}";

export const invoiceNumberFormatSchema = z
  .string()
  .trim()
  .min(1, "Give an invoice number format")
  .max(60, "Keep the invoice number format within 60 characters")
  .refine((f) => (f.match(YEAR) ?? []).length === 1, "The format needs {YYYY} once: numbers restart every year")
  .refine((f) => (f.match(COUNTER) ?? []).length === 1, "The format needs one counter such as {000001}")
  .refine((f) => !/[{}]/.test(f.replace(YEAR, "").replace(COUNTER, "")), "Only {YYYY} and a counter such as {000001} may stand in braces")
  .refine((f) => /^[\p{L}\p{N} ./_#-]*$/u.test(f.replace(YEAR, "").replace(COUNTER, "")), "Use letters, digits, spaces and . / _ # - around {YYYY} and the counter");

/** The number for the `counter`-th invoice of `year`: a counter wider than its placeholder is printed whole. */
export function formatInvoiceNumber(format: string, year: number, counter: number): string {
  return format
    .replace(YEAR, String(year).padStart(4, "0"))
    .replace(COUNTER, (_m, zeros: string) => String(counter).padStart(zeros.length, "0"));
}

/** How people see an invoice named: its number, or `#id` for one the previous release wrote during an upgrade. */
export function invoiceName(invoice: { id: number; number: string | null }): string {
  return invoice.number ?? `#${invoice.id}`;
}
