import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { invoices, orders } from "../../db/schema";
import { creditWholeInvoice } from "../../billing/credit-note";
import { conflict, notFound } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireAdmin, type Ctx } from "../context";

export const voidInvoiceInput = z.object({
  invoiceId: z.coerce.number().int().positive().max(2_147_483_647),
  reason: z.string().trim().min(1, "Give a reason").max(500),
});

/**
 * An admin voids an unpaid invoice (and the unpaid order it is for): no money has moved, so none
 * moves now; the invoice shows it was voided and why, and a credit note takes the whole of it back.
 * A paid invoice is refunded instead.
 */
export async function voidInvoice({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(voidInvoiceInput, input);
  return ctx.db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, data.invoiceId)).for("update");
    if (!invoice) throw notFound("Invoice not found");
    if (invoice.status === "paid") throw conflict("This invoice is paid: give the money back with a refund instead");
    if (invoice.status === "cancelled") throw conflict("This invoice is void already");
    const [after] = await tx
      .update(invoices)
      .set({ status: "cancelled", description: `${invoice.description} (voided: ${data.reason})`.trim() })
      .where(eq(invoices.id, invoice.id))
      .returning();
    await creditWholeInvoice(tx, invoice, `Invoice voided: ${data.reason}`, now(ctx));
    if (invoice.orderId) await tx.update(orders).set({ status: "cancelled" }).where(and(eq(orders.id, invoice.orderId), eq(orders.status, "unpaid")));
    await audit(tx, ctx.actor, { action: "invoice.void", entity: "invoice", entityId: invoice.id, before: { status: invoice.status }, after: { status: "cancelled", reason: data.reason, at: now(ctx) } });
    return after!;
  });
}
