"use server";

import { createOrder } from "@/lib/services/orders/create";
import { listInvoices } from "@/lib/services/invoices/list";
import { requestCtx } from "@/lib/services/request-context";
import type { CheckoutState, CouponPreviewState } from "@/components/store/cart-view";
import { previewCoupon } from "@/lib/services/coupons/preview";
import { getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import type { MissingContact } from "@/lib/billing/contacts";
import { actionFailure } from "../action-errors";

/** The cart's items as the form sends them (JSON), or undefined when they cannot be read. */
function cartItems(form: FormData): unknown {
  try {
    return JSON.parse(String(form.get("items") ?? "[]"));
  } catch {
    return undefined;
  }
}

/** Checkout: creates the order and its invoice from the cart; the same idempotency key makes one order. */
export async function checkoutAction(_prev: CheckoutState, form: FormData): Promise<CheckoutState> {
  const ctx = await requestCtx();
  const { actor } = ctx;
  if (actor.type !== "user" || actor.clientId === null) return { error: "Sign in as a client to check out." };
  const items = cartItems(form);
  if (items === undefined) return { error: "The cart could not be read. Please add the items again." };
  const idempotencyKey = String(form.get("idempotencyKey") ?? "") || undefined;
  const coupon = String(form.get("coupon") ?? "").trim() || undefined;
  try {
    const { order } = await createOrder({ ctx, input: { items, idempotencyKey, coupon } });
    const { items: invoices } = await listInvoices({ ctx, input: { orderId: order.id, limit: 1 } });
    return { invoiceId: invoices[0]!.id };
  } catch (error) {
    const details = error instanceof AppError ? (error.details as { code?: string; fields?: MissingContact[] } | undefined) : undefined;
    const code = details?.code;
    if (code === "contacts_incomplete" && details?.fields) {
      const t = await getTranslations("contacts");
      return { error: t("incomplete", { fields: details.fields.map((f) => t(`field.${f}`)).join(", ") }), profileNeeded: true };
    }
    return { ...actionFailure(error), profileNeeded: code === "contacts_incomplete", keyReused: code === "checkout_key_reused" };
  }
}

/** The coupon's discount on the cart as it stands, or the reason it is refused; nothing is written. */
export async function couponPreviewAction(_prev: CouponPreviewState, form: FormData): Promise<CouponPreviewState> {
  const ctx = await requestCtx();
  try {
    return { preview: await previewCoupon({ ctx, input: { items: cartItems(form) ?? [], coupon: String(form.get("coupon") ?? "") } }) };
  } catch (error) {
    const failure = actionFailure(error);
    return { error: failure.fields?.coupon?.join(" ") ?? failure.error };
  }
}
