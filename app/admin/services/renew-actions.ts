"use server";

import { getLocale, getTranslations } from "next-intl/server";
import { formatMoneyIn } from "@/lib/i18n/format";
import { renewService } from "@/lib/services/services/renew";
import { requestCtx } from "@/lib/services/request-context";
import { attempt, num, type FormState } from "../form-state";
import { respond } from "../respond";

/** Renews a client's service for the chosen period from the client's balance (its unpaid renewal invoice for that period is the one paid). */
export async function renewServiceAction(_prev: FormState, form: FormData): Promise<FormState> {
  const ctx = await requestCtx();
  const [t, locale] = [await getTranslations("adminService.done"), await getLocale()];
  return respond(await attempt(async () => {
    const done = await renewService({ ctx, input: { serviceId: num(form, "serviceId"), months: num(form, "months") } });
    return { ok: true, message: done.charged ? t("renewed", { amount: formatMoneyIn(locale, done.price, done.currency) }) : t("alreadyPaid") };
  }));
}
