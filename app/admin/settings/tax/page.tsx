import Link from "next/link";
import { listTaxRates } from "@/lib/services/tax/list";
import { countryName } from "@/lib/billing/contacts";
import { formatRate } from "@/lib/billing/tax";
import { Card, PageHeading } from "@/components/ui/card";
import { SpecForm } from "@/components/admin/spec-form";
import { countryOptions } from "@/app/(store)/account/profile/values";
import { adminPageCtx } from "@/lib/services/request-context";
import { deleteTaxRateAction, saveTaxRateAction, updateTaxSettingsAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tax · Settings · Provisio" };

/** Tax rates per country and region, prices with or without tax, and the seller's country. */
export default async function TaxSettingsPage() {
  const ctx = await adminPageCtx("/admin/settings/tax");
  const { rates, settings, sellerCountry } = await listTaxRates({ ctx });
  const countries = countryOptions().map((c) => ({ value: c.code, label: c.name }));
  const envCountry = process.env.INVOICE_SELLER_COUNTRY?.trim().toUpperCase();
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/settings" className="text-indigo-700 hover:underline">← Settings</Link></p>
      <PageHeading
        title="Tax"
        description="Invoices are taxed when they are issued, at the rate for the buyer's country and region; issued invoices keep their tax. See docs/money.md for the rules."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Prices and seller">
          <SpecForm
            action={updateTaxSettingsAction}
            submitLabel="Save tax settings"
            fields={[
              {
                name: "pricesIncludeTax", label: "Tariff prices", type: "select",
                options: [{ value: "exclusive", label: "Exclude tax: tax is added on the invoice" }, { value: "inclusive", label: "Include tax: the buyer pays the price" }],
                defaultValue: settings.pricesIncludeTax ? "inclusive" : "exclusive",
                hint: "With prices that include tax, a buyer charged no tax (reverse charge, exempt, outside the EU) pays the same price.",
              },
              {
                name: "sellerCountry", label: "Seller's country", type: "select", options: countries,
                empty: envCountry ? `From INVOICE_SELLER_COUNTRY (${countryName(envCountry)})` : "Not set (INVOICE_SELLER_COUNTRY is empty)",
                defaultValue: settings.sellerCountry ?? "",
                hint: `Decides domestic sales, EU sales and exports. In force: ${sellerCountry ? countryName(sellerCountry) : "none"}.`,
              },
            ]}
          />
        </Card>
        <Card title="Add or change a rate">
          <SpecForm
            action={saveTaxRateAction}
            submitLabel="Save rate"
            resetOnSuccess
            fields={[
              { name: "country", label: "Country", type: "select", options: countries, empty: "Choose a country" },
              { name: "region", label: "Region code", hint: "Optional: a state or province with its own rate (US CA, CA QC). Empty: the whole country." },
              { name: "name", label: "Tax name", defaultValue: "VAT", hint: "Printed on invoices: VAT, GST, Sales tax." },
              { name: "percent", label: "Rate, %", inputMode: "decimal", hint: "Up to two decimals: 20, 5.5." },
            ]}
          />
        </Card>
      </div>
      <Card title="Rates" className="mt-6">
        {rates.length === 0 ? (
          <p className="text-sm text-slate-600">No rates yet: invoices carry no tax until a rate is set for the buyer&apos;s country.</p>
        ) : (
          <table className="w-full text-sm" data-testid="tax-rates">
            <thead>
              <tr className="border-b border-slate-300 text-left text-xs uppercase tracking-wide text-slate-500">
                <th className="py-2 pr-3">Country</th><th className="py-2 pr-3">Region</th><th className="py-2 pr-3">Tax</th><th className="py-2 pr-3 text-right">Rate</th><th className="py-2" />
              </tr>
            </thead>
            <tbody>
              {rates.map((r) => (
                <tr key={r.id} className="border-b border-slate-200">
                  <td className="py-2 pr-3">{countryName(r.country)} ({r.country})</td>
                  <td className="py-2 pr-3">{r.region || "Whole country"}</td>
                  <td className="py-2 pr-3">{r.name}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{formatRate(r.rateBp)}</td>
                  <td className="py-2 text-right">
                    <SpecForm action={deleteTaxRateAction} hidden={{ rateId: r.id }} fields={[]} submitLabel={`Remove ${r.country}${r.region ? ` ${r.region}` : ""}`} />
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
