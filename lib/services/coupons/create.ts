import { z } from "zod";
import { coupons } from "../../db/schema";
import { periods } from "../../vocabulary";
import { currencyCode } from "../../billing/currency";
import { conflict } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

const id = z.coerce.number().int().positive().max(2_147_483_647);
const count = z.coerce.number().int().min(1).max(1_000_000_000).nullable().default(null);

export const createCouponInput = z
  .object({
    code: z.string().trim().min(3).max(64).regex(/^[A-Za-z0-9_-]+$/, "Letters, digits, - and _ only"),
    kind: z.enum(["percent", "fixed"]),
    /** percent: 1 to 100. */
    percent: z.coerce.number().int().min(1).max(100).nullable().default(null),
    /** fixed: minor units of `currency`. */
    amount: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullable().default(null),
    currency: currencyCode.nullable().default(null),
    tariffIds: z.array(id).max(200).default([]),
    periods: z.array(z.coerce.number().int().refine((m) => (periods as readonly number[]).includes(m), "A period the store sells")).max(20).default([]),
    recurring: z.boolean().default(false),
    validUntil: z.coerce.date().nullable().default(null),
    maxUses: count,
    maxUsesPerClient: count,
  })
  .superRefine((v, issue) => {
    if (v.kind === "percent" && v.percent === null) issue.addIssue({ code: "custom", path: ["percent"], message: "Say how many percent off" });
    if (v.kind === "fixed" && v.amount === null) issue.addIssue({ code: "custom", path: ["amount"], message: "Say the amount off" });
    if (v.kind === "fixed" && v.currency === null) issue.addIssue({ code: "custom", path: ["currency"], message: "Say the amount's currency" });
  });

/** An admin makes a coupon; its code is unique whatever the case. */
export async function createCoupon({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(createCouponInput, input);
  const values = {
    ...data,
    percent: data.kind === "percent" ? data.percent : null,
    amount: data.kind === "fixed" ? data.amount : null,
    currency: data.kind === "fixed" ? data.currency : null,
  };
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.insert(coupons).values(values).onConflictDoNothing().returning();
    if (!row) throw conflict(`A coupon ${data.code} exists already.`, { code: "coupon_exists" });
    await audit(tx, ctx.actor, { action: "coupon.create", entity: "coupon", entityId: row.id, after: values });
    return row;
  });
}
