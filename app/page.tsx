import { getDatabase } from "@/lib/db";
import { listPublishedTariffs, type CatalogTariff } from "@/lib/services/tariffs/list-published";
import { Card, PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";

export const dynamic = "force-dynamic";

const typeLabels: Record<CatalogTariff["productType"], string> = {
  domain: "Domains",
  hosting: "Web hosting",
  vps: "Virtual servers",
  dedicated: "Dedicated servers",
  other: "Other services",
};

export default async function StorePage() {
  const { db } = await getDatabase();
  const tariffs = await listPublishedTariffs({ ctx: { db, actor: { type: "anonymous" } } });
  return (
    <>
      <PageHeading title="Store" description="Hosting, servers and domains, set up for you as soon as you pay." />
      {tariffs.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">No plans are on sale yet. Please check back soon.</p>
        </Card>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {tariffs.map((t) => (
            <li key={t.id}>
              <Card className="h-full">
                <p className="text-xs font-medium uppercase tracking-wide text-indigo-600">{typeLabels[t.productType]}</p>
                <h2 className="mt-1 text-lg font-semibold">{t.name}</h2>
                {t.description && <p className="mt-2 text-sm text-slate-600">{t.description}</p>}
                <p className="mt-4 text-sm text-slate-800">{priceLine(t)}</p>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function priceLine(t: CatalogTariff): string {
  const first = t.prices[0];
  if (!first) return "Price on request";
  const period = first.months === 1 ? "month" : `${first.months} months`;
  return `From ${formatMoney(first.price, t.currency)} / ${period}`;
}
