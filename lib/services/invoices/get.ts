import { eq } from "drizzle-orm";
import { z } from "zod";
import { invoices } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { parseInput, requireClientAccess, type Ctx } from "../context";

export const getInvoiceInput = z.object({ invoiceId: z.coerce.number().int().positive().max(2_147_483_647) });

/** One invoice: its client's, or any for staff; another client's invoice is 404. */
export async function getInvoice({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { invoiceId } = parseInput(getInvoiceInput, input);
  if (ctx.actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  const [invoice] = await ctx.db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!invoice) throw notFound("Invoice not found");
  requireClientAccess(ctx.actor, invoice.clientId);
  return invoice;
}
