import { z } from "zod";
import { periods } from "../../vocabulary";
import { orderParamsInput } from "../../billing/order-params";
import { ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { createOrder } from "../orders/create";
import { getClient } from "./get";
import { payOrder } from "../orders/pay";

export const placeOrderInput = z.object({
  clientId: z.coerce.number().int().positive().max(2_147_483_647),
  tariffId: z.coerce.number().int().positive().max(2_147_483_647),
  months: z.coerce.number().int().refine((m) => (periods as readonly number[]).includes(m), "Choose a period the tariff sells"),
  addons: z.record(z.string(), z.number().int().min(0).max(100_000)).default({}),
  params: orderParamsInput.default({}),
});

/**
 * An admin orders a tariff on behalf of a client and pays it from the client's balance, through
 * the same checkout and payment verbs as the store. Not enough balance leaves the order unpaid.
 */
export async function placeOrderForClient({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(placeOrderInput, input);
  const item = { tariffId: data.tariffId, months: data.months, addons: data.addons, params: data.params };
  await getClient({ ctx, input: { clientId: data.clientId } });
  const { order } = await createOrder({ ctx, input: { clientId: data.clientId, items: [item] } }).catch((error: unknown) => {
    // The form has one item: "items.0.params.domain" is its "domain" field.
    if (!(error instanceof ValidationError)) throw error;
    throw new ValidationError(Object.fromEntries(Object.entries(error.fields).map(([key, messages]) => [key.replace(/^items\.0\.(params\.)?/, ""), messages])), error.message);
  });
  const record = (after: Record<string, unknown>) =>
    ctx.db.transaction((tx) =>
      audit(tx, ctx.actor, { action: "order.place_for_client", entity: "order", entityId: order.id, after: { clientId: data.clientId, ...item, total: order.total, ...after } }),
    );
  const paid = await payOrder({ ctx, input: { orderId: order.id } }).catch(async (error: unknown) => {
    await record({ paid: false, error: error instanceof Error ? error.message : String(error) });
    throw error;
  });
  const serviceIds = paid.services.map((s) => s.id);
  await record({ paid: true, serviceIds });
  return { orderId: order.id, total: order.total, currency: order.currency, serviceIds };
}
