import type { Ctx } from "@/lib/services/context";
import { AppError } from "@/lib/errors";
import { invoiceName } from "@/lib/billing/invoice-format";
import { taxByRate } from "@/lib/billing/tax";
import { getCreditNoteDocument, type CreditNoteDocument } from "@/lib/services/invoices/credit-notes";
import type { InvoiceDocument } from "@/lib/services/invoices/get-document";
import { localeOr, translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { renderInvoicePdf } from "./invoice-pdf";

/** What the invoice PDF prints instead of an invoice's number and dates when it prints a credit note. */
export type CreditFacts = { number: string; issuedAt: Date; invoiceNumber: string; reason: string };
export type CreditNotePrint = InvoiceDocument & { credit: CreditFacts };

/**
 * A credit note laid out as the invoice it refers to (the same parties, tax note and layout, the same
 * PDF component): its number and issue date, the invoice's number, and one line taking the credited
 * amount off, net, tax (at the invoice's rate when it has one) and total, all negative.
 */
export function creditNotePrint({ creditNote: n, invoiceDoc: d }: CreditNoteDocument, locale: Locale = "en"): CreditNotePrint {
  const rates = taxByRate(d.lines).filter((g) => g.taxAmount !== 0);
  const rate = rates.length === 1 ? rates[0]! : null;
  const net = n.amount - n.taxAmount;
  const tax = n.taxAmount === 0 ? 0 : -n.taxAmount;
  const line = {
    description: translatorFor(locale)("creditNotePdf.line", { invoice: invoiceName(d.invoice), reason: n.reason }), months: null, periodStart: null, periodEnd: null, domain: null, addons: [],
    net: -net, taxCategory: rate?.taxCategory ?? d.lines[0]?.taxCategory ?? ("none" as const), taxName: rate?.taxName ?? null, taxRateBp: rate?.taxRateBp ?? 0,
    taxAmount: tax, total: -n.amount,
  };
  return {
    ...d,
    invoice: { ...d.invoice, number: n.number, issuedAt: n.issuedAt, dueAt: null, amount: -n.amount, subtotal: -net, taxAmount: tax },
    lines: [line],
    subtotal: -net,
    taxes: taxByRate([line]).filter((g) => g.taxCategory !== "none"),
    payment: null,
    credit: { number: n.number, issuedAt: n.issuedAt, invoiceNumber: invoiceName(d.invoice), reason: n.reason },
  };
}

/** The credit note as a PDF file, by the invoice PDF component, in a language (English unless given). */
export function renderCreditNotePdf(doc: CreditNoteDocument, locale?: string | null): Promise<Buffer> {
  const known = localeOr(locale);
  return renderInvoicePdf(creditNotePrint(doc, known), known);
}

/** The HTTP answer for a credit note's PDF, named after its number; another client's or a missing one is 404. */
export async function creditNotePdfResponse(ctx: Ctx, creditNoteId: string, locale?: string | null): Promise<Response> {
  let doc: CreditNoteDocument;
  try {
    doc = await getCreditNoteDocument({ ctx, input: { creditNoteId } });
  } catch (e) {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) return new Response("Credit note not found", { status: 404 });
    throw e;
  }
  const pdf = await renderCreditNotePdf(doc, locale);
  const name = doc.creditNote.number.replace(/[^\w.-]+/g, "-");
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `inline; filename="credit-note-${name}.pdf"`, "cache-control": "private, no-store" },
  });
}
