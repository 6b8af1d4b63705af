import { and, eq, not } from "drizzle-orm";
import { tariffs } from "../../db/schema";
import { parseInput, type Ctx } from "../context";
import { tariffIdInput } from "../tariffs/get";
import { onSale } from "../tariffs/on-sale";

/**
 * Whether the store shows this tariff's page as "not on sale right now": it is published, but no
 * enabled processing module serves it and it is not sold to be set up by hand. Hidden tariffs
 * stay unknown. For anyone.
 */
export async function isOffSale({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<boolean> {
  const { tariffId } = parseInput(tariffIdInput, input);
  const [row] = await ctx.db
    .select({ id: tariffs.id })
    .from(tariffs)
    .where(and(eq(tariffs.id, tariffId), eq(tariffs.published, true), not(onSale)));
  return Boolean(row);
}
