import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { listTaxRates } from "@/lib/services/tax/list";
import { countryNameIn } from "@/lib/i18n/format";
import { formatRate } from "@/lib/billing/tax";
import { Card, PageHeading } from "@/components/ui/card";
import { SpecForm } from "@/components/admin/spec-form";
import { countryOptions } from "@/app/(store)/account/profile/values";
import { adminPageCtx } from "@/lib/services/request-context";
import { deleteTaxRateAction, saveTaxRateAction, updateTaxSettingsAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("adminSettings.tax"))("meta") };
}

/** Tax rates per country and region, prices with or without tax, and the seller's country. */
export default async function TaxSettingsPage() {
  const [t, locale] = await Promise.all([getTranslations("adminSettings.tax"), getLocale()]);
  const countryName = (code: string) => countryNameIn(locale, code);
  const ctx = await adminPageCtx("/admin/settings/tax");
  const { rates, settings, sellerCountry } = await listTaxRates({ ctx });
  const countries = countryOptions(locale).map((c) => ({ value: c.code, label: c.name }));
  const envCountry = process.env.INVOICE_SELLER_COUNTRY?.trim().toUpperCase();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/settings" className="text-indigo-700 hover:underline">{t("back")}</Link></p>
      <PageHeading
        title={t("title")}
        description={t("description")}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("pricesTitle")}>
          <SpecForm
            action={updateTaxSettingsAction}
            submitLabel={t("saveSettings")}
            fields={[
              {
                name: "pricesIncludeTax", label: t("prices"), type: "select",
                options: [{ value: "exclusive", label: t("exclusive") }, { value: "inclusive", label: t("inclusive") }],
                defaultValue: settings.pricesIncludeTax ? "inclusive" : "exclusive",
                hint: t("pricesHint"),
              },
              {
                name: "sellerCountry", label: t("seller"), type: "select", options: countries,
                empty: envCountry ? t("fromEnv", { country: countryName(envCountry) }) : t("envEmpty"),
                defaultValue: settings.sellerCountry ?? "",
                hint: t("sellerHint", { country: sellerCountry ? countryName(sellerCountry) : t("none") }),
              },
            ]}
          />
        </Card>
        <Card title={t("rateTitle")}>
          <SpecForm
            action={saveTaxRateAction}
            submitLabel={t("saveRate")}
            resetOnSuccess
            fields={[
              { name: "country", label: t("country"), type: "select", options: countries, empty: t("chooseCountry") },
              { name: "region", label: t("region"), hint: t("regionHint") },
              { name: "name", label: t("taxName"), defaultValue: "VAT", hint: t("taxNameHint") },
              { name: "percent", label: t("percent"), inputMode: "decimal", hint: t("percentHint") },
            ]}
          />
        </Card>
      </div>
      <Card title={t("rates")} className="mt-6">
        {rates.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noRates")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="tax-rates">
            <thead>
              <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-2 pr-3">{t("colCountry")}</th><th className="py-2 pr-3">{t("colRegion")}</th><th className="py-2 pr-3">{t("colTax")}</th><th className="py-2 pr-3 text-right">{t("colRate")}</th><th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="py-2 pr-3">{countryName(r.country)} ({r.country})</td>
                  <td className="py-2 pr-3">{r.region || t("wholeCountry")}</td>
                  <td className="py-2 pr-3">{r.name}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatRate(r.rateBp)}</td>
                  <td className="py-2 text-right">
                    <SpecForm action={deleteTaxRateAction} hidden={{ rateId: r.id }} fields={[]} submitLabel={t("remove", { where: `${r.country}${r.region ? ` ${r.region}` : ""}` })} />
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
