import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "../../db";
import { invoices } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { audit } from "../audit";
import { actorUserId, now, parseInput, requireClientAccess, type Actor, type Ctx } from "../context";
import { chargeRenewal } from "../services/charge-renewal";
import { loadOwnService } from "../services/load-own";
import { assertRenewable, renewalRefusal } from "../services/renew";

export const payRenewalInvoiceInput = z.object({ invoiceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * payRenewalInvoice's work in the caller's transaction (a card payment credits the balance and pays
 * its renewal invoice in one): the service is renewed for the invoice's period at the invoice's
 * amount, and resumed when only non-payment held it. A paid invoice again renews nothing.
 */
export async function payRenewalInvoiceTx(tx: Tx, actor: Actor, invoiceId: number, at: Date) {
  const [invoice] = await tx.select().from(invoices).where(eq(invoices.id, invoiceId)).for("update");
  if (!invoice || invoice.kind !== "renewal" || invoice.serviceId === null) throw notFound("Invoice not found");
  requireClientAccess(actor, invoice.clientId);
  if (invoice.status === "paid") return { invoiceId, serviceId: invoice.serviceId, charged: false, operationIds: [] as number[] };
  if (invoice.status !== "unpaid") throw conflict("This invoice is void");
  const service = await loadOwnService(tx, actor, invoice.serviceId, true);
  assertRenewable(service);
  if (!invoice.renewalFor || service.expiresAt!.getTime() !== invoice.renewalFor.getTime()) {
    throw conflict("This invoice is for a period that is no longer due: renew the service from its page");
  }
  const outcome = await chargeRenewal(tx, service, { at, actorUserId: actorUserId(actor), months: invoice.renewalMonths ?? service.months });
  if (outcome.kind === "already") throw conflict("This period is already paid for");
  if (outcome.kind !== "renewed") throw renewalRefusal(outcome);
  await audit(tx, actor, { action: "service.renew", entity: "service", entityId: service.id, after: { price: outcome.price, months: outcome.months, invoiceId } });
  return { invoiceId, serviceId: service.id, charged: true, operationIds: outcome.operationIds };
}

/** The client pays an unpaid renewal invoice from the balance: the service is renewed (and resumed if it was suspended for non-payment). */
export async function payRenewalInvoice({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { invoiceId } = parseInput(payRenewalInvoiceInput, input);
  const result = await ctx.db.transaction((tx) => payRenewalInvoiceTx(tx, ctx.actor, invoiceId, now(ctx)));
  await dispatchOperations(result.operationIds);
  return result;
}
