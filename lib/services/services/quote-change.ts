import { z } from "zod";
import { planChoices, type PlanQuote } from "../../billing/plan-change";
import { conflict, unprocessable } from "../../errors";
import { now, parseInput, type Ctx } from "../context";
import { loadOwnService, type ServiceRow } from "./load-own";

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const quoteChangeInput = z.object({ serviceId: id, tariffId: id.optional() });

/** Why a service cannot change plan (or add-ons) now, in the client's words; null when it can. */
export function changeBlocked(service: Pick<ServiceRow, "status" | "pending">, what = "change plan"): string | null {
  if (service.status !== "active") return `Only an active service can ${what}`;
  if (service.pending) return `Something is already in progress on this service; ${what} when it is done`;
  return null;
}

/**
 * The plans a service can change to, with the amounts at this moment: credit for the unused time of
 * the current plan, charge for the new plan's remaining time, and their difference. With `tariffId`,
 * that plan only (refused when it is not offered). Nothing changes.
 */
export async function quoteChange({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ serviceId: number; choices: PlanQuote[] }> {
  const data = parseInput(quoteChangeInput, input);
  const service = await loadOwnService(ctx.db, ctx.actor, data.serviceId);
  const blocked = changeBlocked(service);
  if (blocked) throw conflict(blocked);
  const choices = await planChoices(ctx.db, service, now(ctx));
  if (data.tariffId === undefined) return { serviceId: service.id, choices };
  const chosen = choices.filter((c) => c.tariffId === data.tariffId);
  if (!chosen.length) throw unprocessable("This plan cannot be chosen for this service");
  return { serviceId: service.id, choices: chosen };
}
