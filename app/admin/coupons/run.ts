import type { Ctx } from "@/lib/services/context";
import { createCoupon } from "@/lib/services/coupons/create";
import { disableCoupon } from "@/lib/services/coupons/disable";
import { translatorFor } from "@/lib/i18n/translator";
import type { Locale } from "@/lib/i18n/locales";
import { attempt, flag, minorUnits, text, type FormState } from "../form-state";

/** "1, 12" → [1, 12]; empty → [] (all). Anything else is passed on for the verb to refuse. */
function numbers(value: string): number[] {
  return value.split(/[\s,]+/).filter(Boolean).map(Number);
}

export function runCreateCoupon(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const kind = text(form, "kind");
    const currency = text(form, "currency").toUpperCase();
    const coupon = await createCoupon({
      ctx,
      input: {
        code: text(form, "code"), kind,
        percent: kind === "percent" ? text(form, "percent") || null : null,
        amount: kind === "fixed" ? (text(form, "amount") ? minorUnits(text(form, "amount"), currency || "USD") : null) : null,
        currency: kind === "fixed" ? currency || null : null,
        tariffIds: numbers(text(form, "tariffIds")), periods: numbers(text(form, "periods")),
        recurring: flag(form, "recurring"),
        validUntil: text(form, "validUntil") ? `${text(form, "validUntil")}T23:59:59Z` : null,
        maxUses: text(form, "maxUses") || null, maxUsesPerClient: text(form, "maxUsesPerClient") || null,
      },
    });
    return { ok: true, message: translatorFor(locale)("adminCoupons.done.created", { code: coupon.code }) };
  });
}

export function runDisableCoupon(ctx: Ctx, form: FormData, locale: Locale = "en"): Promise<FormState> {
  return attempt(async () => {
    const coupon = await disableCoupon({ ctx, input: { couponId: text(form, "couponId") } });
    return { ok: true, message: translatorFor(locale)("adminCoupons.done.disabled", { code: coupon.code }) };
  });
}
