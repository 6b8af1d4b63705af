import Link from "next/link";
import { listCoupons } from "@/lib/services/coupons/list";
import { listTariffs } from "@/lib/services/tariffs/list";
import { formatAmount } from "@/lib/billing/ledger";
import { Card, PageHeading } from "@/components/ui/card";
import { SpecForm } from "@/components/admin/spec-form";
import { adminPageCtx } from "@/lib/services/request-context";
import { createCouponAction, disableCouponAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Coupons · Provisio" };

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "—");

/** Coupons: made here, entered by clients in the cart, stopped here; their uses counted. */
export default async function CouponsPage() {
  const ctx = await adminPageCtx("/admin/coupons");
  const coupons = await listCoupons({ ctx });
  const tariffs = await listTariffs({ ctx });
  const nameOf = (id: number) => tariffs.find((t) => t.id === id)?.name ?? `#${id}`;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/tariffs" className="text-indigo-700 hover:underline">← Tariffs</Link></p>
      <PageHeading
        title="Coupons"
        description="A coupon takes a percent or an amount off the order's invoice, as a line of its own before tax. Clients enter the code in the cart; the API takes it as `coupon`."
      />
      <Card title="New coupon">
        <SpecForm
          action={createCouponAction}
          submitLabel="Create coupon"
          resetOnSuccess
          fields={[
            { name: "code", label: "Code", hint: "Letters, digits, - and _; clients may type it in any case." },
            { name: "kind", label: "Discount", type: "select", options: [{ value: "percent", label: "Percent off" }, { value: "fixed", label: "Amount off" }], defaultValue: "percent" },
            { name: "percent", label: "Percent off", inputMode: "numeric", hint: "For a percent coupon: 1 to 100." },
            { name: "amount", label: "Amount off", inputMode: "decimal", hint: "For an amount coupon, e.g. 5.00; only orders in its currency take it." },
            { name: "currency", label: "Currency of the amount", defaultValue: "USD" },
            { name: "tariffIds", label: "Tariffs (ids)", hint: `Empty: all. ${tariffs.map((t) => `${t.id} ${t.name}`).join(", ")}` },
            { name: "periods", label: "Periods (months)", hint: "Empty: all; e.g. 12 or 1, 12." },
            { name: "recurring", label: "Recurring: also discounts renewals (otherwise the first payment only)", type: "checkbox" },
            { name: "validUntil", label: "Valid until (inclusive, UTC)", type: "date" },
            { name: "maxUses", label: "Uses in all", inputMode: "numeric", hint: "Empty: no limit." },
            { name: "maxUsesPerClient", label: "Uses per client", inputMode: "numeric", hint: "Empty: no limit." },
          ]}
        />
      </Card>
      <Card title="Coupons" className="mt-6">
        {coupons.length === 0 ? (
          <p className="text-sm text-slate-600">No coupons yet.</p>
        ) : (
          <table className="w-full text-sm" data-testid="coupons">
            <thead>
              <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-2 pr-3">Code</th><th className="py-2 pr-3">Discount</th><th className="py-2 pr-3">Applies to</th>
                <th className="py-2 pr-3">Valid until</th><th className="py-2 pr-3 text-right">Used</th><th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {coupons.map((c) => (
                <tr key={c.id} className="border-b border-slate-200">
                  <td className="py-2 pr-3 font-medium">{c.code}{c.disabledAt && <span className="ml-2 text-xs text-slate-500">disabled {day(c.disabledAt)}</span>}</td>
                  <td className="py-2 pr-3">
                    {c.kind === "percent" ? `${c.percent}% off` : `${formatAmount(c.amount!, c.currency!)} off`}, {c.recurring ? "recurring" : "first payment"}
                  </td>
                  <td className="py-2 pr-3">
                    {c.tariffIds.length ? c.tariffIds.map(nameOf).join(", ") : "All tariffs"}; {c.periods.length ? `${c.periods.join(", ")} mo` : "all periods"}
                  </td>
                  <td className="py-2 pr-3">{day(c.validUntil)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {c.uses}{c.maxUses !== null && ` / ${c.maxUses}`}{c.maxUsesPerClient !== null && ` (${c.maxUsesPerClient} per client)`}
                  </td>
                  <td className="py-2 text-right">
                    {!c.disabledAt && <SpecForm action={disableCouponAction} hidden={{ couponId: c.id }} fields={[]} submitLabel={`Disable ${c.code}`} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
