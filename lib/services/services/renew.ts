import { z } from "zod";
import { currencyMismatch } from "../../billing/currency";
import { periods } from "../../vocabulary";
import { conflict, unprocessable } from "../../errors";
import { dispatchOperations } from "../../processing/dispatch";
import { audit } from "../audit";
import { actorUserId, now, parseInput, type Ctx } from "../context";
import { chargeRenewal, money, type RenewalOutcome } from "./charge-renewal";
import { loadOwnService, type ServiceRow } from "./load-own";

export { chargeRenewal, money, renewedFor, type RenewalOutcome } from "./charge-renewal";
export { renewalChoices, renewalQuote } from "./renewal-quote";

export const renewServiceInput = z.object({
  serviceId: z.coerce.number().int().positive().max(2_147_483_647),
  /** The period to renew for, one the tariff sells; the service's own period when left out. */
  months: z.coerce.number().int().refine((m) => (periods as readonly number[]).includes(m), "Choose a period the tariff sells").optional(),
});

/** A live service that can be renewed now: active or suspended, with an expiry, not being closed. */
export function assertRenewable(service: ServiceRow): void {
  if ((service.status !== "active" && service.status !== "suspended") || !service.expiresAt || service.pending === "close") {
    throw conflict("Only an active or suspended service can be renewed");
  }
}

/** The error a refused renewal answers with (insufficient funds carry the price, the balance and what is missing). */
export function renewalRefusal(outcome: Exclude<RenewalOutcome, { kind: "renewed" | "already" }>) {
  if (outcome.kind === "not_sold") return conflict("This tariff is not sold for that period; choose another or contact support");
  if (outcome.kind === "currency") return currencyMismatch("The renewal", outcome.currency, outcome.clientCurrency);
  return unprocessable(
    `Insufficient funds: the renewal costs ${money(outcome.price, outcome.currency)}, the balance is ${money(outcome.balance, outcome.currency)}`,
    { code: "insufficient_funds", price: outcome.price, balance: outcome.balance, difference: outcome.price - outcome.balance, months: outcome.months },
  );
}

/**
 * "Renew": charges the renewal for a period the tariff sells (the service's own by default) from
 * the balance and sends `prolong`, in one transaction. An unpaid renewal invoice for that period
 * is the one paid. Insufficient funds change nothing; a second request for the same expiry charges
 * nothing (charged: false).
 */
export async function renewService({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId, months } = parseInput(renewServiceInput, input);
  const result = await ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, serviceId, true);
    assertRenewable(service);
    const outcome = await chargeRenewal(tx, service, { at: now(ctx), actorUserId: actorUserId(ctx.actor), months });
    if (outcome.kind === "already") return { charged: false as const, operationIds: [] as number[] };
    if (outcome.kind !== "renewed") throw renewalRefusal(outcome);
    await audit(tx, ctx.actor, { action: "service.renew", entity: "service", entityId: service.id, after: { price: outcome.price, months: outcome.months, invoiceId: outcome.invoiceId } });
    return { charged: true as const, price: outcome.price, currency: outcome.currency, months: outcome.months, invoiceId: outcome.invoiceId, operationIds: outcome.operationIds };
  });
  await dispatchOperations(result.operationIds);
  return result;
}
