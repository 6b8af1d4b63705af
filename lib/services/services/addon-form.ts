import { addonWords } from "../../billing/addon-change";
import { orderItemFromForm } from "../../billing/order-params";
import { formatAmount } from "../../billing/ledger";
import { addonChangeWords } from "../../billing/plan-words";
import { unprocessable } from "../../errors";
import type { Ctx } from "../context";
import { changeAddons } from "./change-addons";
import { quoteAddons } from "./quote-addons";

export type AddonFormAnswer = { confirm: string; addons: Record<string, number> } | { message: string; operationId: number };

/**
 * The two steps of the add-on form on the client's and the admin's service pages: without
 * `step=change`, the amounts of the change typed ("addons.<key>" fields, as in the order form) are
 * quoted and put in words to confirm; with it, the change is made. Errors are the verbs' own.
 */
export async function addonFormStep(ctx: Ctx, form: FormData, whose: "your" | "the client's"): Promise<AddonFormAnswer> {
  const serviceId = form.get("serviceId");
  const { addons } = orderItemFromForm(form);
  if (form.get("step") === "change") {
    const done = await changeAddons({ ctx, input: { serviceId, addons } });
    const net = done.difference >= 0 ? `${formatAmount(done.difference, done.currency)} was taken from` : `${formatAmount(-done.difference, done.currency)} was added to`;
    return { operationId: done.operationId, message: `Changing the add-ons: ${net} ${whose} balance. The new amounts apply once the change is done.` };
  }
  const quoted = await quoteAddons({ ctx, input: { serviceId, addons } });
  if (!quoted.quote) throw unprocessable("Type the extra units the service should have");
  const until = quoted.expiresAt ? quoted.expiresAt.toISOString().slice(0, 10) : "the end of the paid period";
  return { confirm: addonChangeWords(quoted.quote, addonWords(quoted.addons, quoted.quote.addons), until, whose), addons: quoted.quote.addons };
}
