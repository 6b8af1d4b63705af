import { z } from "zod";
import { AppError } from "../../errors";
import { issueRenewalInvoice, openRenewalInvoice, replaceRenewalInvoice, periodWords } from "../../billing/renewal-invoices";
import { dispatchOperations } from "../../processing/dispatch";
import { audit } from "../audit";
import { actorUserId, now, parseInput, type Ctx } from "../context";
import { startPayment } from "../payments/start";
import { chargeRenewal } from "./charge-renewal";
import { loadOwnService } from "./load-own";
import { assertRenewable, renewalRefusal, renewServiceInput } from "./renew";

export const renewByCardInput = renewServiceInput.extend({
  /** Where the client comes back to from the card page: this site's origin. */
  origin: z.url({ protocol: /^https?$/ }),
});

/**
 * A client renews for a period: from the balance when it covers the price (renewed at once), else
 * through the renewal invoice for that period (issued unpaid, due when the paid period ends) and a
 * card payment of the difference. The gateway's signed payment credits the balance and pays that
 * invoice in the same transaction, so the service is renewed once however often the event arrives.
 */
export async function renewByCard({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ renewed: true } | { renewed: false; url: string; invoiceId: number }> {
  const { serviceId, months, origin } = parseInput(renewByCardInput, input);
  if (ctx.actor.type !== "user" || ctx.actor.clientId === null) throw new AppError("forbidden", "Only a client can pay by card");
  const at = now(ctx);
  const step = await ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, serviceId, true);
    assertRenewable(service);
    const outcome = await chargeRenewal(tx, service, { at, actorUserId: actorUserId(ctx.actor), months });
    if (outcome.kind === "already") return { renewed: true as const, operationIds: [] as number[] };
    if (outcome.kind === "renewed") {
      await audit(tx, ctx.actor, { action: "service.renew", entity: "service", entityId: service.id, after: { price: outcome.price, months: outcome.months, invoiceId: outcome.invoiceId } });
      return { renewed: true as const, operationIds: outcome.operationIds };
    }
    if (outcome.kind !== "insufficient") throw renewalRefusal(outcome);
    const open = await openRenewalInvoice(tx, service.id, service.expiresAt!);
    if (open && open.renewalMonths === outcome.months) return { renewed: false as const, invoiceId: open.id };
    if (open) await replaceRenewalInvoice(tx, open.id, `replaced by a renewal for ${periodWords(outcome.months)}`, at);
    const invoice = await issueRenewalInvoice(tx, {
      clientId: service.clientId, serviceId: service.id, expiry: service.expiresAt!, months: outcome.months, price: outcome.price, currency: outcome.currency, tariffName: outcome.tariffName, at, paid: false,
    });
    return { renewed: false as const, invoiceId: invoice.id };
  });
  if (step.renewed) {
    await dispatchOperations(step.operationIds);
    return { renewed: true };
  }
  const { url } = await startPayment({ ctx, input: { invoiceId: step.invoiceId, origin } });
  return { renewed: false, url, invoiceId: step.invoiceId };
}
