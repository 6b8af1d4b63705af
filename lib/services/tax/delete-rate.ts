import { eq } from "drizzle-orm";
import { z } from "zod";
import { taxRates } from "../../db/schema";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const deleteTaxRateInput = z.object({ rateId: z.coerce.number().int().positive().max(2_147_483_647) });

/** An admin removes a rate: invoices issued afterwards to that country or region carry no tax from it. */
export async function deleteTaxRate({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { rateId } = parseInput(deleteTaxRateInput, input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(taxRates).where(eq(taxRates.id, rateId)).returning();
    if (!row) throw notFound("Tax rate not found");
    await audit(tx, ctx.actor, { action: "tax_rate.delete", entity: "tax_rate", entityId: row.id, before: { country: row.country, region: row.region, name: row.name, rateBp: row.rateBp } });
    return row;
  });
}
