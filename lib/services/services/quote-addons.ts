import { z } from "zod";
import { addonOffers, addonQuote, type AddonOffer, type AddonQuote } from "../../billing/addon-change";
import { conflict } from "../../errors";
import { now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";
import { changeBlocked } from "./quote-change";

const id = z.coerce.number().int().positive().max(2_147_483_647);
/** Extra units per add-on key, as many as the service should have (not how many to add); keys left out keep theirs. */
export const addonAmounts = z.record(z.string().min(1).max(64), z.coerce.number().int().min(0).max(100_000));
export const quoteAddonsInput = z.object({ serviceId: id, addons: addonAmounts.optional() });

/** What blocks an add-on change, in the client's words; null when it can be made. */
export const addonsBlocked = (service: Parameters<typeof changeBlocked>[0]) => changeBlocked(service, "change its add-ons");

/**
 * The add-ons of a service that can be changed now, with the extra units it has; with `addons`, also
 * what that change does at this moment (the prorated credit, charge and difference). Nothing changes.
 */
export async function quoteAddons({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<{ serviceId: number; expiresAt: Date | null; addons: AddonOffer[]; quote: AddonQuote | null }> {
  const data = parseInput(quoteAddonsInput, input);
  const service = await loadOwnService(ctx.db, ctx.actor, data.serviceId);
  const blocked = addonsBlocked(service);
  if (blocked) throw conflict(blocked);
  const at = now(ctx);
  const addons = await addonOffers(ctx.db, service, at);
  const quote = data.addons && Object.keys(data.addons).length ? await addonQuote(ctx.db, service, addons, data.addons, at) : null;
  return { serviceId: service.id, expiresAt: service.expiresAt, addons, quote };
}
