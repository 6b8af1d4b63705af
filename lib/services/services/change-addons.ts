import { z } from "zod";
import { addonOffers, addonQuote, addonWords } from "../../billing/addon-change";
import { formatAmount } from "../../billing/ledger";
import { conflict } from "../../errors";
import { now, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";
import { addonAmounts, addonsBlocked } from "./quote-addons";
import { queueChange } from "./queue-change";

const id = z.coerce.number().int().positive().max(2_147_483_647);
export const changeAddonsInput = z.object({ serviceId: id, addons: addonAmounts });

/**
 * Adds or removes add-on units of an active service on its plan, all in one transaction and priced
 * like a plan change: a credit for the unused time of the add-ons it has, a charge for the new ones'
 * remaining time, a `change_tariff` operation queued with the same plan and the new resource amounts
 * (the module changes them on the panel), a history row and an audit row. The service has the new
 * amounts once the operation is done; a cancelled one keeps the old amounts and gives the difference
 * back. A balance that does not cover the difference changes nothing.
 */
export async function changeAddons({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const data = parseInput(changeAddonsInput, input);
  const at = now(ctx);
  return ctx.db.transaction(async (tx) => {
    const service = await loadOwnService(tx, ctx.actor, data.serviceId, true);
    const blocked = addonsBlocked(service);
    if (blocked) throw conflict(blocked);
    const offers = await addonOffers(tx, service, at);
    const quote = await addonQuote(tx, service, offers, data.addons, at);
    const before = Object.fromEntries(offers.map((o) => [o.key, o.extra]));
    const money = (n: number) => formatAmount(n, quote.currency);
    return queueChange(tx, ctx, service, quote, at, {
      action: "service.change_addons",
      creditNote: `Service #${service.id}: unused time of its add-ons`,
      chargeNote: `Service #${service.id}: rest of the period with the new add-ons`,
      message: `Add-on change requested (${addonWords(offers, quote.addons)}): ${money(quote.credit)} credited for the add-ons it had, ${money(quote.charge)} charged for the new ones`,
      busy: "A change is already in progress on this service",
      params: { addons: quote.addons, addonsBefore: before },
      before: { resources: service.resources, addons: before },
      after: { resources: quote.resources, addons: quote.addons },
    });
  });
}
