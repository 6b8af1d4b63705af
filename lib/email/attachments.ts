import { eq, inArray } from "drizzle-orm";
import type { Conn } from "@/lib/db";
import { creditNotes, invoices } from "@/lib/db/schema";
import { invoiceName } from "@/lib/billing/invoice-format";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { getCreditNoteDocument } from "@/lib/services/invoices/credit-notes";
import { renderInvoicePdf } from "@/components/store/invoice-pdf";
import { renderCreditNotePdf } from "@/components/store/credit-note-pdf";
import { emailAttachments, isTemplateName, type AttachmentRef } from "./templates";

/** A file sent with an email. */
export type EmailFile = { filename: string; content: Buffer };

const safe = (name: string) => name.replace(/[^\w.-]+/g, "-");
export const invoiceFilename = (number: string) => `invoice-${safe(number)}.pdf`;
export const creditNoteFilename = (number: string) => `credit-note-${safe(number)}.pdf`;

/** The documents an outbox row's email carries (its template names them from its props). */
export function attachmentRefs(template: string, props: unknown): AttachmentRef[] {
  return isTemplateName(template) ? emailAttachments(template, props as never) : [];
}

/** The file names of those documents, for the mailbox and the Mail log, without rendering them. */
export async function attachmentNames(conn: Conn, refs: AttachmentRef[]): Promise<string[]> {
  const ids = (kind: AttachmentRef["kind"]) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const inv = ids("invoice").length ? await conn.select({ id: invoices.id, number: invoices.number }).from(invoices).where(inArray(invoices.id, ids("invoice"))) : [];
  const notes = ids("credit_note").length ? await conn.select({ id: creditNotes.id, number: creditNotes.number }).from(creditNotes).where(inArray(creditNotes.id, ids("credit_note"))) : [];
  return refs.flatMap((r) => {
    if (r.kind === "invoice") return inv.filter((i) => i.id === r.id).map((i) => invoiceFilename(invoiceName(i)));
    return notes.filter((n) => n.id === r.id).map((n) => creditNoteFilename(n.number));
  });
}

// The PDF renderers take the reader's language where they have one.
const invoicePdf = renderInvoicePdf as (doc: Awaited<ReturnType<typeof getInvoiceDocument>>, locale?: never) => Promise<Buffer>;
const creditNotePdf = renderCreditNotePdf as (doc: Awaited<ReturnType<typeof getCreditNoteDocument>>, locale?: never) => Promise<Buffer>;

/**
 * The PDF files an email carries, made when it is sent from the same documents as the client area's
 * PDFs (so a reminder shows the invoice as it is then). A document gone missing is left out.
 */
export async function emailFiles(conn: Conn, refs: AttachmentRef[], locale?: string | null): Promise<EmailFile[]> {
  const ctx = { db: conn as never, actor: { type: "system" as const } };
  const files: EmailFile[] = [];
  for (const ref of refs) {
    if (ref.kind === "invoice") {
      const [found] = await conn.select({ id: invoices.id }).from(invoices).where(eq(invoices.id, ref.id));
      if (!found) continue;
      const doc = await getInvoiceDocument({ ctx, input: { invoiceId: ref.id } });
      files.push({ filename: invoiceFilename(invoiceName(doc.invoice)), content: await invoicePdf(doc, (locale ?? undefined) as never) });
    } else {
      const [found] = await conn.select({ id: creditNotes.id }).from(creditNotes).where(eq(creditNotes.id, ref.id));
      if (!found) continue;
      const doc = await getCreditNoteDocument({ ctx, input: { creditNoteId: ref.id } });
      files.push({ filename: creditNoteFilename(doc.creditNote.number), content: await creditNotePdf(doc, (locale ?? undefined) as never) });
    }
  }
  return files;
}
