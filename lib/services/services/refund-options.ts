import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients, services } from "../../db/schema";
import { cardPaymentFor } from "../../billing/card-refund";
import { paidFor, unusedPart } from "../../billing/paid-period";
import { stripeClient } from "../../billing/stripe";
import { notFound } from "../../errors";
import { now, parseInput, requireStaff, type Ctx } from "../context";

export const refundOptionsInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/** What an admin can give back for a service before choosing: all that is left, the unused time, and whether to the card. */
export async function refundOptions({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { serviceId } = parseInput(refundOptionsInput, input);
  return ctx.db.transaction(async (tx) => {
    const [service] = await tx.select().from(services).where(eq(services.id, serviceId));
    if (!service) throw notFound("Service not found");
    const [client] = await tx.select({ currency: clients.currency }).from(clients).where(eq(clients.id, service.clientId));
    const paid = await paidFor(tx, service);
    const left = Math.max(0, paid.total - paid.refunded);
    const unused = Math.min(left, unusedPart(paid.period.amount, service, now(ctx)));
    const card = stripeClient() !== null && left > 0 && Boolean(await cardPaymentFor(tx, paid.period.invoiceId, left));
    return { currency: client!.currency, paid: paid.total, refunded: paid.refunded, left, unused, card };
  });
}
