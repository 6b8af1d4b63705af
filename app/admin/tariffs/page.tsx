import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { listTariffs } from "@/lib/services/tariffs/list";
import { PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { Badge } from "@/components/admin/badge";
import { adminLabelsIn } from "@/components/admin/labels";
import { EmptyRow, from, Table, Td, type Column } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("tariffs.meta") };
}

export default async function TariffsPage() {
  const tp = await getTranslations("admin.pages");
  const tt = await getTranslations("adminTariff.list");
  const locale = await getLocale();
  const labels = adminLabelsIn(locale);
  const head: Column[] = [
    tt("name"),
    { label: tt("store"), className: from.sm },
    tt("handlers"),
    { label: tt("productType"), className: from.md },
    { label: tt("template"), className: from.xl },
    { label: tt("prices"), className: from.lg },
    { label: tt("services"), className: from.sm },
  ];
  const ctx = await adminPageCtx("/admin/tariffs");
  const tariffs = await listTariffs({ ctx });
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeading title={tp("tariffs.title")} description={tp("tariffs.description")} />
        <Link href="/admin/tariffs/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          {tt("add")}
        </Link>
        <Link href="/admin/coupons" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-indigo-700 hover:bg-slate-50">
          {tt("coupons")}
        </Link>
      </div>
      <Table head={head} caption={tt("caption")}>
        {tariffs.length === 0 && <EmptyRow colSpan={head.length}>{tt("none")}</EmptyRow>}
        {tariffs.map((t) => (
          <tr key={t.id}>
            <Td className="[overflow-wrap:anywhere]">
              <Link href={`/admin/tariffs/${t.id}`} className="font-medium text-indigo-700 hover:underline">
                {t.name}
              </Link>
              <div className="mt-1 sm:hidden">
                <Badge status={t.published ? "published" : "hidden"} />
              </div>
            </Td>
            <Td className={`${from.sm} whitespace-nowrap`}>
              <Badge status={t.published ? "published" : "hidden"} />
            </Td>
            <Td className="[overflow-wrap:anywhere]">
              {t.handlers.map((h) => (
                <div key={h.id} className={h.enabled ? "" : "text-slate-500"}>
                  {h.name}
                  {!h.enabled && ` ${tt("disabled")}`}
                </div>
              ))}
              {t.noEnabledHandler && (
                <p className={`mt-1 text-xs font-medium ${t.sellWithoutHandler ? "text-amber-800" : "text-red-700"}`} data-testid="no-handler-flag">
                  {labels.noHandler(t.sellWithoutHandler)}
                </p>
              )}
            </Td>
            <Td className={from.md}>{labels.productType(t.productType)}</Td>
            <Td className={from.xl}>
              {/* Each handler's template on its own panel. */}
              {t.handlers.map((h) => (
                <div key={h.id} title={h.name}>{h.template ?? "—"}</div>
              ))}
            </Td>
            <Td className={`${from.lg} whitespace-nowrap`}>
              {t.prices.map((p) => (
                <div key={p.months}>
                  {tt("price", { months: p.months, amount: formatMoney(p.price, t.currency, locale) })}
                </div>
              ))}
            </Td>
            <Td className={`${from.sm} tabular-nums`}>{t.services}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
