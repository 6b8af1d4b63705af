import Link from "next/link";
import { listTariffs } from "@/lib/services/tariffs/list";
import { PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { Badge } from "@/components/admin/badge";
import { productTypeLabels } from "@/components/admin/labels";
import { EmptyRow, Table, Td } from "@/components/admin/table";
import { adminPageCtx } from "../session";

export const dynamic = "force-dynamic";
export const metadata = { title: "Tariffs · Provisio" };

export default async function TariffsPage() {
  const ctx = await adminPageCtx("/admin/tariffs");
  const tariffs = await listTariffs({ ctx });
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeading title="Tariffs" description="What clients buy: prices per period, resources and add-ons, and the processing modules that provide it." />
        <Link href="/admin/tariffs/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          Add tariff
        </Link>
      </div>
      <Table head={["Name", "Product type", "Template", "Prices", "Processing modules", "Services", "Store"]} caption="Tariffs">
        {tariffs.length === 0 && <EmptyRow colSpan={7}>No tariffs yet.</EmptyRow>}
        {tariffs.map((t) => (
          <tr key={t.id}>
            <Td>
              <Link href={`/admin/tariffs/${t.id}`} className="font-medium text-indigo-700 hover:underline">
                {t.name}
              </Link>
            </Td>
            <Td>{productTypeLabels[t.productType]}</Td>
            <Td>{t.template ?? "—"}</Td>
            <Td className="whitespace-nowrap">
              {t.prices.map((p) => (
                <div key={p.months}>
                  {p.months} mo: {formatMoney(p.price, t.currency)}
                </div>
              ))}
            </Td>
            <Td>{t.handlers.map((h) => h.name).join(", ")}</Td>
            <Td className="tabular-nums">{t.services}</Td>
            <Td>
              <Badge status={t.published ? "published" : "hidden"} />
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
