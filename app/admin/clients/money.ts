import type { Ctx } from "@/lib/services/context";
import { invoiceName } from "@/lib/billing/invoice-format";
import { debit } from "@/lib/services/balance/debit";
import { refund } from "@/lib/services/balance/refund";
import { markInvoicePaid } from "@/lib/services/invoices/mark-paid";
import { voidInvoice } from "@/lib/services/invoices/void";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";
import { attempt, minorUnits, num, text, type FormState } from "../form-state";

/** Refund an amount to the balance, or debit one, with a reason. */
export function runMoveBalance(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const input = { clientId: num(form, "clientId"), amount: minorUnits(text(form, "amount"), text(form, "currency") || "USD"), reason: text(form, "reason") };
    if (text(form, "direction") === "debit") {
      await debit({ ctx, input });
      return { ok: true, message: t("adminClient.done.debited") };
    }
    const done = await refund({ ctx, input });
    return { ok: true, message: t("adminClient.done.refunded", { details: done.message }) };
  });
}

/** Void an unpaid invoice, or mark it paid with money received elsewhere. */
export function runInvoiceAction(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  const t = translatorFor(locale);
  return attempt(async () => {
    const input = { invoiceId: num(form, "invoiceId"), reason: text(form, "reason") };
    if (text(form, "verb") === "mark_paid") {
      const paid = await markInvoicePaid({ ctx, input });
      return { ok: true, message: t("adminClient.done.paid", { invoice: invoiceName({ id: paid.invoiceId, number: paid.number }), count: paid.serviceIds.length }) };
    }
    const voided = await voidInvoice({ ctx, input });
    return { ok: true, message: t("adminClient.done.voided", { invoice: invoiceName(voided) }) };
  });
}
