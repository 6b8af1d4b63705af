import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients } from "../../db/schema";
import { notFound, ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const setTaxExemptInput = z.object({
  clientId: z.coerce.number().int().positive().max(2_147_483_647),
  exempt: z.boolean(),
  /** The legal ground printed on the invoices ("Charity, exempt under …"); needed to exempt. */
  reason: z.string().trim().max(300, "Use at most 300 characters").optional().transform((v) => v || null),
});

/**
 * An admin makes a client exempt from tax (with the ground printed on its invoices) or taxes it
 * again. Invoices issued from then on follow; issued ones keep their tax. One audit row.
 */
export async function setTaxExempt({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(setTaxExemptInput, input);
  if (data.exempt && !data.reason) throw new ValidationError({ reason: ["Say why this client pays no tax: it is printed on its invoices"] });
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx.select().from(clients).where(eq(clients.id, data.clientId)).for("update");
    if (!before) throw notFound("Client not found");
    const [after] = await tx
      .update(clients)
      .set({ taxExempt: data.exempt, taxExemptReason: data.exempt ? data.reason : null })
      .where(eq(clients.id, data.clientId))
      .returning();
    const pick = (c: typeof before) => ({ taxExempt: c.taxExempt, taxExemptReason: c.taxExemptReason });
    await audit(tx, ctx.actor, { action: "client.set_tax_exempt", entity: "client", entityId: data.clientId, before: pick(before), after: pick(after!) });
    return after!;
  });
}
