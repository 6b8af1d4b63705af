import { eq } from "drizzle-orm";
import { z } from "zod";
import { paymentSessions } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { parseInput, requireClientAccess, type Ctx } from "../context";

export const getPaymentSessionInput = z.object({ externalId: z.string().trim().min(1).max(300).regex(/^[\w-]+$/, "Not a payment id") });

/** One card payment by the gateway's id (what the client comes back with): its client's, or any for staff. */
export async function getPaymentSession({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { externalId } = parseInput(getPaymentSessionInput, input);
  if (ctx.actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  const [session] = await ctx.db.select().from(paymentSessions).where(eq(paymentSessions.externalId, externalId));
  if (!session) throw notFound("Payment not found");
  requireClientAccess(ctx.actor, session.clientId);
  return session;
}
