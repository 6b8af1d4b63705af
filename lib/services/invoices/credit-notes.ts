import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { creditNotes, invoices } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { parseInput, requireClientAccess, type Ctx } from "../context";
import { listScope, pageInput } from "../services/scope";
import { idFilter, page } from "../page";
import { getInvoiceDocument } from "./get-document";

export const listCreditNotesInput = z.object({ clientId: idFilter().optional(), invoiceId: idFilter().optional(), ...pageInput });

export type CreditNoteRow = typeof creditNotes.$inferSelect & { invoiceNumber: string | null };

/** Credit notes, newest first, keyset-paginated by id, with the number of the invoice each refers to: a client's own, or for staff any client's. */
export async function listCreditNotes({ ctx, input }: { ctx: Ctx; input?: unknown }): Promise<{ items: CreditNoteRow[]; nextCursor: number | null }> {
  const data = parseInput(listCreditNotesInput, input ?? {});
  const clientId = listScope(ctx.actor, data.clientId);
  const found = await ctx.db
    .select({ note: creditNotes, invoiceNumber: invoices.number })
    .from(creditNotes)
    .innerJoin(invoices, eq(invoices.id, creditNotes.invoiceId))
    .where(
      and(
        clientId === undefined ? undefined : eq(creditNotes.clientId, clientId),
        data.invoiceId ? eq(creditNotes.invoiceId, data.invoiceId) : undefined,
        data.cursor ? lt(creditNotes.id, data.cursor) : undefined,
      ),
    )
    .orderBy(desc(creditNotes.id))
    .limit(data.limit + 1);
  return page(found.map((r) => ({ ...r.note, invoiceNumber: r.invoiceNumber })), data.limit);
}

export const getCreditNoteInput = z.object({ creditNoteId: z.coerce.number().int().positive().max(2_147_483_647) });

/** A credit note as a document: itself, and the invoice it refers to with its parties. Another client's is 404. */
export async function getCreditNoteDocument({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { creditNoteId } = parseInput(getCreditNoteInput, input);
  if (ctx.actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  const [note] = await ctx.db.select().from(creditNotes).where(eq(creditNotes.id, creditNoteId));
  if (!note) throw notFound("Credit note not found");
  requireClientAccess(ctx.actor, note.clientId);
  return { creditNote: note, invoiceDoc: await getInvoiceDocument({ ctx, input: { invoiceId: note.invoiceId } }) };
}
export type CreditNoteDocument = Awaited<ReturnType<typeof getCreditNoteDocument>>;
