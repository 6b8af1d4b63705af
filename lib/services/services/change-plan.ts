import { eq } from "drizzle-orm";
import { z } from "zod";
import { clients, serviceHistory, tariffs } from "../../db/schema";
import { formatAmount, moveBalance } from "../../billing/ledger";
import { planChoices } from "../../billing/plan-change";
import { conflict, unprocessable } from "../../errors";
import { enqueueOperation } from "../../processing/enqueue";
import { audit } from "../audit";
import { actorUserId, now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";
import { changeBlocked } from "./quote-change";

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const changePlanInput = z.object({ serviceId: id, tariffId: id });

/** The ledger references of a plan change: one credit and one charge per change_tariff operation. */
export const planChangeReference = (operationId: number, part: "credit" | "charge" | "undo") => `plan:op:${operationId}:${part}`;

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
    const [client] = await tx.select({ balance: clients.balance }).from(clients).where(eq(clients.id, service.clientId));
    if (quote.difference > client!.balance) {
      const words = `The balance (${formatAmount(client!.balance, quote.currency)}) does not cover the difference of ${formatAmount(quote.difference, quote.currency)}; nothing was changed`;
      throw unprocessable(words, { code: "insufficient_funds", balance: client!.balance, difference: quote.difference });
    }
    const [old] = await tx.select({ name: tariffs.name }).from(tariffs).where(eq(tariffs.id, service.tariffId));
    const params = { tariffId: quote.tariffId, fromTariffId: service.tariffId, template: quote.template, resources: quote.resources, credit: quote.credit, charge: quote.charge };
    const op = await enqueueOperation(tx, { serviceId: service.id, kind: "change_tariff", params, runAt: at });
    if (!op.created) throw conflict("A plan change is already in progress on this service");
    const move = { clientId: service.clientId, at, actorUserId: actorUserId(ctx.actor) };
    if (quote.credit > 0) {
      await moveBalance(tx, { ...move, kind: "credit", amount: quote.credit, reference: planChangeReference(op.id, "credit"), note: `Service #${service.id}: unused time of ${old?.name ?? "the old plan"}` });
    }
    if (quote.charge > 0) {
      await moveBalance(tx, { ...move, kind: "charge", amount: -quote.charge, reference: planChangeReference(op.id, "charge"), note: `Service #${service.id}: rest of the period on ${quote.tariffName}` });
    }
    const message = `Plan change to ${quote.tariffName} requested: ${formatAmount(quote.credit, quote.currency)} credited for ${old?.name ?? "the old plan"}, ${formatAmount(quote.charge, quote.currency)} charged for ${quote.tariffName}`;
    await tx.insert(serviceHistory).values({ serviceId: service.id, fromStatus: service.status, toStatus: service.status, message, actorUserId: actorUserId(ctx.actor), createdAt: at });
    await audit(tx, ctx.actor, { action: "service.change_plan", entity: "service", entityId: service.id, before: { tariffId: service.tariffId }, after: { tariffId: quote.tariffId, operationId: op.id, credit: quote.credit, charge: quote.charge } });
    return { operationId: op.id, ...quote, message };
  });
}
