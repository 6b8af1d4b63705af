import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { listHandlers } from "@/lib/services/handlers/list";
import { PageHeading } from "@/components/ui/card";
import { ParamNotice } from "@/components/ui/fleeting-notice";
import { Badge } from "@/components/admin/badge";
import { adminLabelsIn } from "@/components/admin/labels";
import { EmptyRow, from, Table, Td, When, type Column } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("processingModules.meta") };
}

export default async function HandlersPage() {
  const tp = await getTranslations("admin.pages");
  const t = await getTranslations("adminHandler.list");
  const labels = adminLabelsIn(await getLocale());
  const head: Column[] = [
    t("name"),
    t("status"),
    t("health"),
    t("services"),
    { label: t("module"), className: from.md },
    { label: t("running"), className: from.lg },
    { label: t("department"), className: from.lg },
    { label: t("productType"), className: from.xl },
    { label: t("dataCenter"), className: from.xl },
  ];
  const ctx = await adminPageCtx("/admin/handlers");
  const handlers = await listHandlers({ ctx });
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageHeading title={tp("processingModules.title")} description={tp("processingModules.description")} />
        <Link href="/admin/handlers/new" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">
          {t("add")}
        </Link>
      </div>
      <ParamNotice messages={{ deleted: t("deleted") }} />
      <Table head={head} caption={t("caption")}>
        {handlers.length === 0 && <EmptyRow colSpan={head.length}>{t("none")}</EmptyRow>}
        {handlers.map((h) => (
          <tr key={h.id}>
            <Td>
              <Link href={`/admin/handlers/${h.id}`} className="font-medium text-indigo-700 hover:underline">
                {h.name}
              </Link>
              <div className="text-xs text-slate-600 md:hidden">{h.moduleTitle}</div>
            </Td>
            <Td>
              <Badge status={h.enabled ? "enabled" : "disabled"} />
            </Td>
            <Td>
              <span title={h.healthMessage ?? undefined}>
                <Badge status={h.health} />
              </span>
              {h.healthCheckedAt && (
                <div className="text-xs text-slate-500">
                  <When at={h.healthCheckedAt} />
                </div>
              )}
            </Td>
            <Td className="tabular-nums">{h.services}</Td>
            <Td className={from.md}>{h.moduleTitle}</Td>
            <Td className={`${from.lg} tabular-nums`}>
              {h.running} / {h.maxRunning}
            </Td>
            <Td className={from.lg}>{h.departmentName ?? "—"}</Td>
            <Td className={from.xl}>{labels.productType(h.productType)}</Td>
            <Td className={from.xl}>{h.dataCenter ?? "—"}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
