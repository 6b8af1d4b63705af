import { bigint, boolean, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { at, createdAt, id } from "./_columns";
import { oneOf } from "./_checks";
import { clients } from "./clients";
import { invoices } from "./invoices";
import { orders } from "./orders";

export const couponKinds = ["percent", "fixed"] as const;
export type CouponKind = (typeof couponKinds)[number];

/**
 * A discount code entered in the cart. `percent` takes `percent`% off the lines it applies to;
 * `fixed` takes `amount` minor units of `currency` off them (never below zero). Empty `tariffIds`
 * or `periods` mean all. `uses` counts redemptions and is raised with a conditional update, so
 * `maxUses` holds under concurrent orders.
 */
export const coupons = pgTable(
  "coupons",
  {
    id: id(),
    code: text().notNull(),
    kind: text({ enum: couponKinds }).notNull(),
    percent: integer(),
    amount: bigint({ mode: "number" }),
    currency: text(),
    tariffIds: integer().array().notNull().default([]),
    periods: integer().array().notNull().default([]),
    /** Also discounts the renewals of the services bought with it; otherwise the first payment only. */
    recurring: boolean().notNull().default(false),
    validUntil: at(),
    maxUses: integer(),
    maxUsesPerClient: integer(),
    uses: integer().notNull().default(0),
    disabledAt: at(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("coupons_code_key").on(sql`lower(${t.code})`),
    check("coupons_kind_check", oneOf(t.kind, couponKinds)),
    check("coupons_value_check", sql`(${t.kind} = 'percent' and ${t.percent} between 1 and 100) or (${t.kind} = 'fixed' and ${t.amount} > 0 and ${t.currency} is not null)`),
    check("coupons_uses_check", sql`${t.uses} >= 0`),
  ],
);

/** One use of a coupon: the order it discounted and by how much (positive, minor units of the order's currency). */
export const couponRedemptions = pgTable(
  "coupon_redemptions",
  {
    id: id(),
    couponId: integer().notNull().references(() => coupons.id, { onDelete: "restrict" }),
    clientId: integer().notNull().references(() => clients.id, { onDelete: "restrict" }),
    orderId: integer().notNull().references(() => orders.id, { onDelete: "restrict" }),
    invoiceId: integer().references(() => invoices.id, { onDelete: "restrict" }),
    amount: bigint({ mode: "number" }).notNull(),
    currency: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("coupon_redemptions_order_key").on(t.orderId),
    index("coupon_redemptions_coupon_client_idx").on(t.couponId, t.clientId),
  ],
);
