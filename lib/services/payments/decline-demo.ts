import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { demoGatewayEnabled } from "../../billing/card-gateway";
import { paymentSessions } from "../../db/schema";
import { conflict, notFound } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireClientAccess, type Ctx } from "../context";

export const declineDemoPaymentInput = z.object({ externalId: z.string().trim().regex(/^demo_[\w-]{1,100}$/, "Not a demo payment") });

/** The client declines a payment on the demo gateway's page: it shows as failed, nothing is credited. */
export async function declineDemoPayment({ ctx, input }: { ctx: Ctx; input: unknown }) {
  if (!demoGatewayEnabled()) throw notFound("Payment not found");
  const { externalId } = parseInput(declineDemoPaymentInput, input);
  return ctx.db.transaction(async (tx) => {
    const [session] = await tx.select().from(paymentSessions).where(and(eq(paymentSessions.externalId, externalId), eq(paymentSessions.gateway, "demo"))).for("update");
    if (!session) throw notFound("Payment not found");
    requireClientAccess(ctx.actor, session.clientId);
    if (session.status !== "open") throw conflict(`This payment is already ${session.status}`);
    await tx.update(paymentSessions).set({ status: "failed", failureReason: "Declined on the demo payment page", completedAt: now(ctx) }).where(eq(paymentSessions.id, session.id));
    await audit(tx, ctx.actor, { action: "payment.decline_demo", entity: "client", entityId: session.clientId, after: { sessionId: session.id } });
    return { sessionId: session.id };
  });
}
