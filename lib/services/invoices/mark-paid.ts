import { eq } from "drizzle-orm";
import { z } from "zod";
import { invoices, payments } from "../../db/schema";
import { formatAmount, moveBalance } from "../../billing/ledger";
import { invoiceName } from "../../billing/invoice-format";
import { conflict, notFound } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";
import { payOrderTx } from "../orders/pay";
import { payRenewalInvoiceTx } from "./pay-renewal";

export const markInvoicePaidInput = z.object({
  invoiceId: z.coerce.number().int().positive().max(2_147_483_647),
  reason: z.string().trim().min(1, "Say how it was paid").max(500),
});

/**
 * An admin marks an unpaid order (or renewal) invoice paid with money received elsewhere (a bank transfer):
 * the payment lands on the balance as one entry with the reason, and the order is paid from it at
 * once, in one transaction, so its services are set up like any paid order (a renewal's service is
 * renewed, and resumed when only non-payment held it).
 */
export async function markInvoicePaid({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(markInvoicePaidInput, input);
  const at = now(ctx);
  const result = await ctx.db.transaction(async (tx) => {
    const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, data.invoiceId)).for("update");
    if (!invoice) throw notFound("Invoice not found");
    if (invoice.status !== "unpaid") throw conflict(`This invoice is ${invoice.status === "cancelled" ? "void" : invoice.status} already`);
    if (!invoice.orderId && invoice.kind !== "renewal") throw conflict("Only an order's or a renewal's invoice can be marked paid");
    if (invoice.amount > 0) {
      const reference = `admin:invoice:${invoice.id}`;
      await tx.insert(payments).values({ clientId: invoice.clientId, method: "admin", amount: invoice.amount, currency: invoice.currency, reference, raw: { reason: data.reason } });
      await moveBalance(tx, {
        clientId: invoice.clientId, kind: "payment", amount: invoice.amount, invoiceId: invoice.id, reference: `payment:${reference}`, at,
        note: `Invoice ${invoiceName(invoice)} marked paid (${formatAmount(invoice.amount, invoice.currency)}): ${data.reason}`, actorUserId: actorUserId(ctx.actor),
      });
    }
    const paid = invoice.orderId
      ? await payOrderTx(tx, ctx.actor, invoice.orderId, at)
      : await payRenewalInvoiceTx(tx, ctx.actor, invoice.id, at).then((r) => ({ services: [{ id: r.serviceId }], operationIds: r.operationIds }));
    await audit(tx, ctx.actor, { action: "invoice.mark_paid", entity: "invoice", entityId: invoice.id, before: { status: "unpaid" }, after: { status: "paid", reason: data.reason, services: paid.services.map((s) => s.id) } });
    return { invoiceId: invoice.id, number: invoice.number, serviceIds: paid.services.map((s) => s.id), operationIds: paid.operationIds };
  });
  await dispatchOperations(result.operationIds);
  return result;
}
