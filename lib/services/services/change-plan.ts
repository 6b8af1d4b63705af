import { eq } from "drizzle-orm";
import { z } from "zod";
import { tariffs } from "../../db/schema";
import { formatAmount } from "../../billing/ledger";
import { planChoices } from "../../billing/plan-change";
import { conflict, unprocessable } from "../../errors";
import { now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";
import { changeBlocked } from "./quote-change";
import { queueChange } from "./queue-change";

export { planChangeReference } from "./queue-change";

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const changePlanInput = z.object({ serviceId: id, tariffId: id });

/**
 * Changes a service's plan, all in one transaction: the credit for the unused time of the old plan and
 * the charge for the new plan's remaining time as ledger entries, a `change_tariff` operation queued
 * with the new plan, a history row and an audit row. The plan is the new one once the operation is
 * done. A balance that does not cover the difference changes nothing.
 */
export async function changePlan({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(changePlanInput, input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, data.serviceId, true);
    const blocked = changeBlocked(service);
    if (blocked) throw conflict(blocked);
    const quote = (await planChoices(tx, service, at)).find((c) => c.tariffId === data.tariffId);
    if (!quote) throw unprocessable("This plan cannot be chosen for this service");
    const [old] = await tx.select({ name: tariffs.name }).from(tariffs).where(eq(tariffs.id, service.tariffId));
    const oldName = old?.name ?? "the old plan";
    return queueChange(tx, ctx, service, quote, at, {
      action: "service.change_plan",
      creditNote: `Service #${service.id}: unused time of ${oldName}`,
      chargeNote: `Service #${service.id}: rest of the period on ${quote.tariffName}`,
      message: `Plan change to ${quote.tariffName} requested: ${formatAmount(quote.credit, quote.currency)} credited for ${oldName}, ${formatAmount(quote.charge, quote.currency)} charged for ${quote.tariffName}`,
      busy: "A plan change is already in progress on this service",
      before: { tariffId: service.tariffId },
      after: { tariffId: quote.tariffId },
    });
  });
}
