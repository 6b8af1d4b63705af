"use client";

import Link from "next/link";
import { displayDomain } from "@/lib/domain-display";
import { useActionState, useEffect, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { CatalogEntry } from "@/lib/services/catalog/list";
import type { FieldErrors } from "@/lib/errors";
import { Button, SubmitButton } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { clearCart, removeFromCart, renewCheckoutKey, useCart } from "./cart-store";
import { addonText, periodLabelIn } from "./labels";
import { livePrice } from "./live-price";
import { translateMessages } from "@/lib/i18n/errors";
import { localeOr } from "@/lib/i18n/translator";

export type CheckoutState = { fields?: FieldErrors; error?: string; invoiceId?: number; profileNeeded?: boolean; keyReused?: boolean };
export type CouponPreviewState = {
  preview?: { code: string; percent: number | null; fixed: number | null; discount: number; currency: string; subtotal: number; total: number };
  error?: string;
};
type Props = {
  catalog: CatalogEntry[]; checkout: "client" | "anonymous" | "staff"; action: (prev: CheckoutState, form: FormData) => Promise<CheckoutState>;
  /** Checks a coupon against the cart before checkout. */
  previewCoupon?: (prev: CouponPreviewState, form: FormData) => Promise<CouponPreviewState>;
  /** Whether prices include tax or it is added on the invoice; null when no tax rate is set. */
  tax?: "included" | "excluded" | null;
};

const noPreview = async (): Promise<CouponPreviewState> => ({});

/** The browser's cart, priced live with the checkout's price function; checkout makes one order per idempotency key. */
export function CartView({ catalog, checkout, action, previewCoupon, tax = null }: Props) {
  const cart = useCart();
  const t = useTranslations("cart");
  const locale = useLocale();
  const router = useRouter();
  const [state, formAction] = useActionState(action, {} as CheckoutState);
  // Kept in state: a form action resets the form's own fields, and the code checked must stay for checkout.
  const [couponCode, setCouponCode] = useState("");
  const [coupon, couponAction, checking] = useActionState(previewCoupon ?? noPreview, {} as CouponPreviewState);
  const done = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (state.keyReused) renewCheckoutKey();
  }, [state]);
  useEffect(() => {
    if (!state.invoiceId || done.current === state.invoiceId) return;
    done.current = state.invoiceId;
    clearCart();
    router.push(`/account/invoices/${state.invoiceId}`);
  }, [state, router]);

  if (cart.items.length === 0) {
    return (
      <Card>
        <p className="text-sm text-slate-600">{state.invoiceId ? t("placed") : t("empty")}</p>
        <Link href="/" className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">{t("browse")}</Link>
      </Card>
    );
  }
  const lines = cart.items.map((item, index) => {
    const tariff = catalog.find((t) => t.id === item.tariffId);
    const price = tariff ? livePrice(tariff, item).total : null;
    const errors = Object.entries(state.fields ?? {}).filter(([k]) => k.startsWith(`items.${index}.`)).flatMap(([, v]) => v);
    return { item, tariff, price, errors };
  });
  const currency = lines.find((l) => l.tariff)?.tariff?.currency ?? "USD";
  const total = lines.reduce((sum, l) => sum + (l.price ?? 0), 0);
  const payload = JSON.stringify(cart.items.map(({ tariffId, months, addons, params }) => ({ tariffId, months, addons, params })));
  return (
    <div className="flex flex-col gap-4">
      {state.error && (
        <Notice tone="error">
          {state.error}
          {state.profileNeeded && (
            <>
              {" "}
              <Link href="/account/profile?next=/cart" className="font-medium underline">{t("fillProfile")}</Link>
            </>
          )}
        </Notice>
      )}
      <ul className="flex flex-col gap-3">
        {lines.map(({ item, tariff, price, errors }) => (
          <li key={item.id}>
            <Card>
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="font-semibold">{tariff?.name ?? t("offSale")}</h2>
                  <p className="text-sm text-slate-600">
                    {periodLabelIn(locale, item.months)}
                    {Object.entries(item.addons).map(([key, n]) => `, ${addonText(n, tariff?.resources.find((r) => r.key === key), key)}`)}
                    {item.params.domain && `, ${displayDomain(item.params.domain)}`}
                    {item.params.hostname && `, ${item.params.hostname}`}
                    {item.params.os && `, ${item.params.os}`}
                  </p>
                  {errors.length > 0 && <p className="mt-1 text-sm text-red-600">{translateMessages(errors, localeOr(locale))!.join(" ")}</p>}
                </div>
                <div className="flex items-center gap-3">
                  <span className="font-medium tabular-nums">{price === null ? "—" : formatMoney(price, currency, locale)}</span>
                  <Button variant="secondary" onClick={() => removeFromCart(item.id)} aria-label={t("removeNamed", { name: tariff?.name ?? t("offSale") })}>
                    {t("remove")}
                  </Button>
                </div>
              </div>
            </Card>
          </li>
        ))}
      </ul>
      <Card>
        <p className="text-lg font-semibold" data-testid="cart-total">{t("total", { amount: formatMoney(total, currency, locale) })}</p>
        {tax && <p className="mt-1 text-sm text-slate-600" data-testid="cart-tax">{t(tax === "included" ? "taxIncluded" : "taxExcluded")}</p>}
        {checkout === "client" && (
          <form action={formAction} className="mt-3">
            <input type="hidden" name="items" value={payload} />
            <input type="hidden" name="idempotencyKey" value={cart.checkoutKey} />
            <label className="mb-3 block text-sm">
              <span className="font-medium">{t("coupon")}</span>
              <input
                name="coupon" autoComplete="off" maxLength={64} data-testid="cart-coupon" value={couponCode} onChange={(e) => setCouponCode(e.target.value)}
                aria-invalid={state.fields?.coupon ? true : undefined} aria-describedby={state.fields?.coupon ? "cart-coupon-error" : undefined}
                className="mt-1 block w-full max-w-xs rounded-md border border-slate-300 px-3 py-2 uppercase"
              />
              {state.fields?.coupon && <span id="cart-coupon-error" className="mt-1 block text-red-600">{translateMessages(state.fields.coupon, localeOr(locale))!.join(" ")}</span>}
              <span className="mt-1 block text-slate-500">{t("couponHint")}</span>
            </label>
            {previewCoupon && (
              <div className="mb-3 text-sm" aria-live="polite">
                <Button type="submit" variant="secondary" formAction={couponAction} disabled={checking}>
                  {checking ? t("couponChecking") : t("couponCheck")}
                </Button>
                {coupon.preview && (
                  <p className="mt-2 text-green-800" data-testid="cart-coupon-preview">
                    {t("couponPreview", {
                      code: coupon.preview.code,
                      off: coupon.preview.percent !== null ? `${coupon.preview.percent}%` : formatMoney(coupon.preview.fixed ?? 0, coupon.preview.currency, locale),
                      discount: formatMoney(coupon.preview.discount, coupon.preview.currency, locale),
                      total: formatMoney(coupon.preview.total, coupon.preview.currency, locale),
                    })}
                  </p>
                )}
                {coupon.error && <p className="mt-2 text-red-600" data-testid="cart-coupon-refused">{translateMessages([coupon.error], localeOr(locale))!.join(" ")}</p>}
              </div>
            )}
            <SubmitButton pendingText={t("placing")}>{t("checkout")}</SubmitButton>
          </form>
        )}
        {checkout === "anonymous" && (
          <p className="mt-3 text-sm">
            {t.rich("signInToCheckout", {
              signIn: (chunks) => <Link href="/sign-in?next=/cart" className="font-medium text-indigo-700 hover:underline">{chunks}</Link>,
              signUp: (chunks) => <Link href="/sign-up" className="font-medium text-indigo-700 hover:underline">{chunks}</Link>,
            })}
          </p>
        )}
        {checkout === "staff" && <p className="mt-3 text-sm text-slate-600">{t("staff")}</p>}
      </Card>
    </div>
  );
}
