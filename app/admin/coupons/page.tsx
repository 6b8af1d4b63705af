import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { listCoupons } from "@/lib/services/coupons/list";
import { listTariffs } from "@/lib/services/tariffs/list";
import { formatDateIn, formatMoneyIn } from "@/lib/i18n/format";
import { Card, PageHeading } from "@/components/ui/card";
import { SpecForm } from "@/components/admin/spec-form";
import { adminPageCtx } from "@/lib/services/request-context";
import { createCouponAction, disableCouponAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("adminCoupons"))("meta") };
}

/** Coupons: made here, entered by clients in the cart, stopped here; their uses counted. */
export default async function CouponsPage() {
  const [t, locale] = await Promise.all([getTranslations("adminCoupons"), getLocale()]);
  const day = (d: Date | null) => formatDateIn(locale, d);
  const ctx = await adminPageCtx("/admin/coupons");
  const coupons = await listCoupons({ ctx });
  const tariffs = await listTariffs({ ctx });
  const nameOf = (id: number) => tariffs.find((t) => t.id === id)?.name ?? `#${id}`;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/tariffs" className="text-indigo-700 hover:underline">{t("back")}</Link></p>
      <PageHeading
        title={t("title")}
        description={t("description")}
      />
      <Card title={t("newTitle")}>
        <SpecForm
          action={createCouponAction}
          submitLabel={t("create")}
          resetOnSuccess
          fields={[
            { name: "code", label: t("fields.code"), hint: t("fields.codeHint") },
            { name: "kind", label: t("fields.kind"), type: "select", options: [{ value: "percent", label: t("fields.percentOff") }, { value: "fixed", label: t("fields.amountOff") }], defaultValue: "percent" },
            { name: "percent", label: t("fields.percentOff"), inputMode: "numeric", hint: t("fields.percentHint") },
            { name: "amount", label: t("fields.amountOff"), inputMode: "decimal", hint: t("fields.amountHint") },
            { name: "currency", label: t("fields.currency"), defaultValue: "USD" },
            { name: "tariffIds", label: t("fields.tariffs"), hint: t("fields.tariffsHint", { list: tariffs.map((x) => `${x.id} ${x.name}`).join(", ") }) },
            { name: "periods", label: t("fields.periods"), hint: t("fields.periodsHint") },
            { name: "recurring", label: t("fields.recurring"), type: "checkbox" },
            { name: "validUntil", label: t("fields.validUntil"), type: "date" },
            { name: "maxUses", label: t("fields.maxUses"), inputMode: "numeric", hint: t("fields.noLimit") },
            { name: "maxUsesPerClient", label: t("fields.maxUsesPerClient"), inputMode: "numeric", hint: t("fields.noLimit") },
          ]}
        />
      </Card>
      <Card title={t("list")} className="mt-6">
        {coupons.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="coupons">
            <thead>
              <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-2 pr-3">{t("cols.code")}</th><th className="py-2 pr-3">{t("cols.discount")}</th><th className="py-2 pr-3">{t("cols.appliesTo")}</th>
                <th className="py-2 pr-3">{t("cols.validUntil")}</th><th className="py-2 pr-3 text-right">{t("cols.used")}</th><th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {coupons.map((c) => (
                <tr key={c.id} className="border-b border-slate-200">
                  <td className="py-2 pr-3 font-medium">{c.code}{c.disabledAt && <span className="ml-2 text-xs text-slate-500">{t("disabledOn", { date: day(c.disabledAt) })}</span>}</td>
                  <td className="py-2 pr-3">
                    {c.kind === "percent" ? t("percent", { percent: String(c.percent) }) : t("amount", { amount: formatMoneyIn(locale, c.amount!, c.currency!) })}, {c.recurring ? t("recurring") : t("firstPayment")}
                  </td>
                  <td className="py-2 pr-3">
                    {c.tariffIds.length ? c.tariffIds.map(nameOf).join(", ") : t("allTariffs")}; {c.periods.length ? t("months", { periods: c.periods.join(", ") }) : t("allPeriods")}
                  </td>
                  <td className="py-2 pr-3">{day(c.validUntil)}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">
                    {c.uses}{c.maxUses !== null && ` / ${c.maxUses}`}{c.maxUsesPerClient !== null && ` ${t("perClient", { count: c.maxUsesPerClient })}`}
                  </td>
                  <td className="py-2 text-right">
                    {!c.disabledAt && <SpecForm action={disableCouponAction} hidden={{ couponId: c.id }} fields={[]} submitLabel={t("disable", { code: c.code })} />}
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
