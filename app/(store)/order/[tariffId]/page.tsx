import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isDbId } from "@/lib/ids";
import { listCatalog } from "@/lib/services/catalog/list";
import { isOffSale } from "@/lib/services/catalog/off-sale";
import { viewerCurrency } from "@/lib/services/catalog/currency-note";
import { anonymousCtx, requestCtx } from "@/lib/services/request-context";
import { listServices } from "@/lib/services/services/list";
import { Card, PageHeading } from "@/components/ui/card";
import { CartLink } from "@/components/store/cart-link";
import { OrderForm } from "@/components/store/order-form";
import { labelsIn } from "@/components/store/labels";
import { resourceText } from "@/components/store/tariff-card";
import { quoteItemAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("store"))("orderTitle") };
}

type Props = { params: Promise<{ tariffId: string }>; searchParams: Promise<{ domain?: string | string[] }> };

export default async function OrderPage({ params, searchParams }: Props) {
  const { tariffId } = await params;
  const given = (await searchParams).domain;
  const domain = (Array.isArray(given) ? given[0] : given)?.slice(0, 253);
  const id = Number(tariffId);
  if (!isDbId(id)) notFound();
  const ctx = await anonymousCtx();
  const [t, locale] = await Promise.all([getTranslations(), getLocale()]);
  const currency = await viewerCurrency(await requestCtx());
  const [tariff] = await listCatalog({ ctx, input: { tariffId: id, ...(currency ? { currency } : {}) } });
  const [elsewhere] = !tariff && currency ? await listCatalog({ ctx, input: { tariffId: id } }) : [];
  if (elsewhere && currency) {
    return (
      <div className="mx-auto max-w-2xl">
        <PageHeading title={t("store.orderNamed", { name: elsewhere.name })} />
        <Card>
          <p className="text-sm text-slate-700" data-testid="not-priced-in-currency">
            {t("store.notPricedIn", { currency, others: elsewhere.currencies.join(", ") })}
          </p>
          <Link href="/" className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">{t("common.backToStore")}</Link>
        </Card>
      </div>
    );
  }
  if (!tariff) {
    if (!(await isOffSale({ ctx, input: { tariffId: id } }))) notFound();
    return (
      <div className="mx-auto max-w-2xl">
        <PageHeading title={t("store.notOnSale")} />
        <Card>
          <p className="text-sm text-slate-700" data-testid="not-on-sale">{t("store.notOnSaleText")}</p>
          <Link href="/" className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">{t("common.backToStore")}</Link>
        </Card>
      </div>
    );
  }
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label={t("store.breadcrumb")} className="mb-2 flex items-center justify-between gap-3 text-sm">
        <Link href="/" className="text-indigo-700 hover:underline">
          {t("common.backToStore")}
        </Link>
        <CartLink />
      </nav>
      <PageHeading title={t("store.orderNamed", { name: tariff.name })} description={`${labelsIn(locale).productType(tariff.productType)}. ${tariff.description}`} />
      {tariff.resources.length > 0 && (
        <Card title={t("store.included")} className="mb-4">
          <ul className="space-y-1 text-sm text-slate-700">
            {tariff.resources.map((r) => (
              <li key={r.key}>{resourceText(r)}</li>
            ))}
          </ul>
        </Card>
      )}
      <Card>
        <OrderForm tariff={tariff} action={quoteItemAction} domain={domain} owned={tariff.productType === "domain" ? [] : await ownDomains()} />
      </Card>
    </div>
  );
}

/** The signed-in client's domains (their services' domains, live ones), for "use a domain I already have". */
async function ownDomains(): Promise<string[]> {
  const ctx = await requestCtx();
  if (ctx.actor.type !== "user" || ctx.actor.clientId === null) return [];
  const { items } = await listServices({ ctx, input: { status: ["processing", "active", "suspended"] } });
  return [...new Set(items.map((s) => s.params.domain).filter((d): d is string => Boolean(d)))].sort();
}
