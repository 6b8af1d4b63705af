import { domainToUnicode } from "node:url";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { CatalogEntry, CatalogResource } from "@/lib/services/catalog/list";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { periodLabelIn } from "./labels";

export function resourceText(r: Pick<CatalogResource, "label" | "unit" | "amount">): string {
  return `${r.label}: ${r.amount}${r.unit ? ` ${r.unit}` : ""}`;
}

export function TariffCard({ tariff }: { tariff: CatalogEntry }) {
  const headingId = `tariff-${tariff.id}`;
  const t = useTranslations();
  const locale = useLocale();
  return (
    <Card className="flex h-full flex-col">
      <article aria-labelledby={headingId} className="flex h-full flex-col">
        <h3 id={headingId} className="text-lg font-semibold">{tariff.name}</h3>
        {tariff.description && <p className="mt-1 text-sm text-slate-600">{tariff.description}</p>}
        <dl className="mt-3 space-y-1 text-sm">
          {tariff.prices.map((p) => (
            <div key={p.months} className="flex justify-between gap-3">
              <dt className="text-slate-600">{periodLabelIn(locale, p.months)}</dt>
              <dd className="font-medium tabular-nums">{formatMoney(p.price, tariff.currency, locale)}</dd>
            </div>
          ))}
        </dl>
        {tariff.resources.length > 0 && (
          <ul className="mt-3 space-y-1 text-sm text-slate-700">
            {tariff.resources.map((r) => (
              <li key={r.key}>
                {resourceText(r)}
                {r.addon && r.maxExtra > 0 && (
                  <span className="text-slate-500"> ({t("common.perUnitMonth", { max: r.maxExtra, unit: r.unit || "none", price: formatMoney(r.unitPrice, tariff.currency, locale) })})</span>
                )}
              </li>
            ))}
          </ul>
        )}
        {tariff.tlds.length > 0 && <p className="mt-3 text-sm text-slate-700">{t("common.zones", { zones: tariff.tlds.map((z) => `.${domainToUnicode(z) || z}`).join(", ") })}</p>}
        <div className="mt-auto pt-4">
          <Link
            href={`/order/${tariff.id}`}
            aria-label={t("store.orderNamed", { name: tariff.name })}
            className="inline-flex w-full items-center justify-center rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
          >
            {t("store.order")}
          </Link>
        </div>
      </article>
    </Card>
  );
}
