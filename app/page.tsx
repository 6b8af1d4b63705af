import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { productTypes } from "@/lib/vocabulary";
import { listCatalog } from "@/lib/services/catalog/list";
import { anonymousCtx, requestCtx } from "@/lib/services/request-context";
import { currencyNote, viewerCurrency } from "@/lib/services/catalog/currency-note";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { CartLink } from "@/components/store/cart-link";
import { labelsIn } from "@/components/store/labels";
import { TariffCard } from "@/components/store/tariff-card";
import { byPrice } from "@/components/store/catalog-order";

export const dynamic = "force-dynamic";

export default async function StorePage() {
  const anonymous = await anonymousCtx();
  const onSale = await listCatalog({ ctx: anonymous });
  // A signed-in client sees the plans priced in its own currency, at those prices.
  const currency = await viewerCurrency(await requestCtx());
  const catalog = currency ? await listCatalog({ ctx: anonymous, input: { currency } }) : onSale;
  const [t, locale] = await Promise.all([getTranslations("store"), getLocale()]);
  const labels = labelsIn(locale);
  const note = currencyNote(currency, onSale);
  const groups = productTypes.map((type) => ({ type, tariffs: byPrice(catalog.filter((t) => t.productType === type)) })).filter((g) => g.tariffs.length > 0);
  return (
    <div data-layout="wide" className="mx-auto w-full max-w-[96rem]">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeading title={t("title")} description={t("description")} />
        <CartLink />
      </div>
      {note && (
        <div data-testid="store-currency-note">
          <Notice tone="info">
            {t(note.kind === "none" ? "currencyNone" : "currencySome", { currency: note.clientCurrency, others: note.sold.join(", "), count: note.hidden })}
          </Notice>
        </div>
      )}
      {groups.length === 0 ? (
        !note && (
          <Card>
            <p className="text-sm text-slate-600">{t("empty")}</p>
          </Card>
        )
      ) : (
        groups.map((group) => (
          <section key={group.type} aria-labelledby={`group-${group.type}`} className="mb-8">
            <h2 id={`group-${group.type}`} className="mb-3 text-xl font-semibold text-slate-900">
              {labels.productType(group.type)}
            </h2>
            {group.type === "domain" && (
              <Link href="/domains" className="mb-3 inline-block text-sm font-medium text-indigo-700 hover:underline">
                {t("searchDomain")}
              </Link>
            )}
            <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-4">
              {group.tariffs.map((t) => (
                <li key={t.id}>
                  <TariffCard tariff={t} />
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
