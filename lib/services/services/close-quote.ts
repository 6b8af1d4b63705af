import { z } from "zod";
import { closeTerms } from "../../billing/close-terms";
import { now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";

export const closeQuoteInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/** What closing a service gives back, now or at the end of the paid period, before asking (the page words it: closeTermsIn). */
export async function closeQuote({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId } = parseInput(closeQuoteInput, input);
  const service = await loadOwnService(ctx.db, ctx.actor, serviceId);
  const terms = await closeTerms(ctx.db, service, now(ctx));
  return { refund: terms.refund, currency: terms.currency, endsAt: terms.endsAt };
}
