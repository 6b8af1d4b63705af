import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { useTranslations } from "next-intl";
import { AppError, ValidationError } from "@/lib/errors";
import { checkDomain, type DomainResult } from "@/lib/services/domains/check";
import { anonymousCtx } from "@/lib/services/request-context";
import { Card, PageHeading } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/input";
import { Money } from "@/components/ui/money";
import { CartLink } from "@/components/store/cart-link";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("domains"))("metaTitle") };
}

type Props = { searchParams: Promise<{ name?: string | string[] }> };

async function search(name: string): Promise<{ results?: DomainResult[]; error?: string }> {
  try {
    return await checkDomain({ ctx: await anonymousCtx(), input: { name } });
  } catch (error) {
    if (error instanceof ValidationError) return { error: Object.values(error.fields)[0]?.[0] ?? error.message };
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
}

function Row({ r }: { r: DomainResult }) {
  const t = useTranslations("domains");
  const period = r.months === 12 ? t("perYear") : t("perMonths", { count: r.months });
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="domain-result" data-status={r.status}>
      <div className="min-w-0">
        <p className="font-medium wrap-anywhere text-slate-900">{r.display}</p>
        <p className="text-sm text-slate-600">
          {t(`status.${r.status}`)}
          {r.reason && r.status !== "available" && r.status !== "taken" ? ` (${r.reason})` : ""}
        </p>
      </div>
      {r.status === "available" || r.status === "unknown" ? (
        <div className="flex items-center gap-3 text-sm">
          <span>
            <Money amount={r.price} currency={r.currency} /> / {period}
          </span>
          <Link href={`/order/${r.tariffId}?domain=${encodeURIComponent(r.display)}`} className="rounded-md bg-indigo-600 px-3 py-1.5 font-medium text-white hover:bg-indigo-500">
            {t("order")}
          </Link>
        </div>
      ) : null}
    </li>
  );
}

export default async function DomainSearchPage({ searchParams }: Props) {
  const raw = (await searchParams).name;
  const name = (Array.isArray(raw) ? raw[0] : raw)?.slice(0, 300) ?? "";
  const found = name.trim() ? await search(name) : {};
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-2xl">
      <nav aria-label={t("store.breadcrumb")} className="mb-2 flex items-center justify-between gap-3 text-sm">
        <Link href="/" className="text-indigo-700 hover:underline">
          {t("common.backToStore")}
        </Link>
        <CartLink />
      </nav>
      <PageHeading title={t("domains.title")} description={t("domains.description")} />
      <Card className="mb-4">
        <form method="get" className="flex flex-wrap items-end gap-3">
          <Field name="name" label={t("domains.name")} defaultValue={name} autoComplete="off" required placeholder="yourname" className="min-w-60 flex-1" errors={found.error ? [found.error] : undefined} />
          <Button type="submit">{t("domains.search")}</Button>
        </form>
      </Card>
      {found.results && (
        <Card title={t("domains.results")}>
          {found.results.length === 0 ? (
            <p className="text-sm text-slate-600">{t("domains.none")}</p>
          ) : (
            <ul className="divide-y divide-slate-200">
              {found.results.map((r) => (
                <Row key={r.name} r={r} />
              ))}
            </ul>
          )}
        </Card>
      )}
    </div>
  );
}
