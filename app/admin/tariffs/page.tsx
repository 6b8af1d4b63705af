import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { listTariffs } from "@/lib/services/tariffs/list";
import { PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { Badge } from "@/components/admin/badge";
import { noHandlerText, productTypeLabels } from "@/components/admin/labels";
import { EmptyRow, from, Table, Td, type Column } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("tariffs.meta") };
}

const head: Column[] = [
  "Name",
  { label: "Store", className: from.sm },
  "Processing modules",
  { label: "Product type", className: from.md },
  { label: "Template", className: from.xl },
  { label: "Prices", className: from.lg },
  { label: "Services", className: from.sm },
];

export default async function TariffsPage() {
  const tp = await getTranslations("admin.pages");
  const ctx = await adminPageCtx("/admin/tariffs");
  const tariffs = await listTariffs({ ctx });
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeading title={tp("tariffs.title")} description={tp("tariffs.description")} />
        <Link href="/admin/tariffs/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Add tariff
        </Link>
        <Link href="/admin/coupons" className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium text-indigo-700 hover:bg-slate-50">
          Coupons
        </Link>
      </div>
      <Table head={head} caption="Tariffs">
        {tariffs.length === 0 && <EmptyRow colSpan={head.length}>No tariffs yet.</EmptyRow>}
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
                  {!h.enabled && " (disabled)"}
                </div>
              ))}
              {t.noEnabledHandler && (
                <p className={`mt-1 text-xs font-medium ${t.sellWithoutHandler ? "text-amber-800" : "text-red-700"}`} data-testid="no-handler-flag">
                  {noHandlerText(t.sellWithoutHandler)}
                </p>
              )}
            </Td>
            <Td className={from.md}>{productTypeLabels[t.productType]}</Td>
            <Td className={from.xl}>
              {/* Each handler's template on its own panel. */}
              {t.handlers.map((h) => (
                <div key={h.id} title={h.name}>{h.template ?? "—"}</div>
              ))}
            </Td>
            <Td className={`${from.lg} whitespace-nowrap`}>
              {t.prices.map((p) => (
                <div key={p.months}>
                  {p.months} mo: {formatMoney(p.price, t.currency)}
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
