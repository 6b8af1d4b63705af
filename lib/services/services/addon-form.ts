import { addonWords } from "../../billing/addon-change";
import { orderItemFromForm } from "../../billing/order-params";
import { formatDateIn, formatMoneyIn } from "../../i18n/format";
import type { Locale } from "../../i18n/locales";
import { translatorFor } from "../../i18n/translator";
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
export async function addonFormStep(ctx: Ctx, form: FormData, whose: "your" | "the client's", locale: Locale = "en"): Promise<AddonFormAnswer> {
  const t = translatorFor(locale);
  const serviceId = form.get("serviceId");
  const { addons } = orderItemFromForm(form);
  if (form.get("step") === "change") {
    const done = await changeAddons({ ctx, input: { serviceId, addons } });
    const owner = whose === "your" ? "your" : "client";
    const message = done.difference >= 0
      ? t("planWords.addonsTaken", { amount: formatMoneyIn(locale, done.difference, done.currency), whose: owner })
      : t("planWords.addonsAdded", { amount: formatMoneyIn(locale, -done.difference, done.currency), whose: owner });
    return { operationId: done.operationId, message };
  }
  const quoted = await quoteAddons({ ctx, input: { serviceId, addons } });
  if (!quoted.quote) throw unprocessable("Type the extra units the service should have");
  const until = quoted.expiresAt ? formatDateIn(locale, quoted.expiresAt) : t("planWords.periodEnd");
  return { confirm: addonChangeWords(quoted.quote, addonWords(quoted.addons, quoted.quote.addons, locale), until, whose, locale), addons: quoted.quote.addons };
}
