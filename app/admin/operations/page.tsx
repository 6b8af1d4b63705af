import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { CsvLink } from "@/components/admin/csv-link";
import Link from "next/link";
import { modules } from "@/lib/modules/registry";
import { listHandlers } from "@/lib/services/handlers/list";
import { countOperationStates } from "@/lib/services/operations/count-states";
import { listOperations } from "@/lib/services/operations/list";
import { Notice, PageHeading } from "@/components/ui/card";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { Badge } from "@/components/admin/badge";
import { adminLabelsIn } from "@/components/admin/labels";
import { formatNumberIn } from "@/lib/i18n/format";
import { OperationFilters } from "@/components/admin/operation-filters";
import { OperationState } from "@/components/admin/operation-state";
import { ServiceName } from "@/components/admin/service-name";
import { Pager, param } from "@/components/admin/pager";
import { EmptyRow, from, Table, Td, When, type Column } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { filterInput, unlessInvalid } from "../list-filters";
import { BulkForm } from "@/components/admin/bulk-form";
import { bulkOperationsAction } from "./bulk-actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("currentOperations.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const keys = ["status", "kind", "module", "handlerId", "clientId", "from", "to", "cursor"] as const;

const quick = ["failing", "manual", "running", "waiting", "queued"] as const;

export default async function OperationsPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const t = await getTranslations("adminOperation");
  const locale = await getLocale();
  const labels = adminLabelsIn(locale);
  const counted = (n: number) => formatNumberIn(locale, n);
  const head: Column[] = [
    <span key="tick" className="sr-only">{t("list.tick")}</span>,
    t("list.status"),
    t("list.operation"),
    t("list.service"),
    { label: t("list.client"), className: from.md },
    { label: t("list.handler"), className: from.lg },
    { label: t("list.task"), className: from.lg },
    { label: t("list.created"), className: from.xl },
  ];
  const ctx = await adminPageCtx("/admin/operations");
  const sp = await searchParams;
  const values = Object.fromEntries(keys.map((k) => [k, param(sp[k])])) as Record<string, string | undefined>;
  const filters = filterInput(values);
  const [result, handlers, counts] = await Promise.all([
    unlessInvalid(listOperations({ ctx, input: filters })),
    listHandlers({ ctx }),
    countOperationStates({ ctx }),
  ]);
  const titles = Object.fromEntries(Object.values(modules).map((m) => [m.kind, m.title]));
  return (
    <>
      <PageHeading title={tp("currentOperations.title")} description={tp("currentOperations.description")} />
      <nav aria-label={t("list.quick")} className="mb-3 flex flex-wrap gap-2 text-sm">
        <QuickLink href="/admin/operations" on={!values.status}>
          {t("list.all")} <span className="tabular-nums">({counts.allEstimated ? t("list.about", { count: counted(counts.all) }) : counted(counts.all)})</span>
        </QuickLink>
        {quick.map((q) => (
          <QuickLink key={q} href={`/admin/operations?status=${q}`} on={values.status === q} alarm={(q === "failing" || q === "manual") && counts[q] > 0}>
            {labels.operationState(q)} <span className="tabular-nums">({counted(counts[q])})</span>
          </QuickLink>
        ))}
      </nav>
      <OperationFilters values={values} handlers={handlers.map((h) => ({ value: h.id, label: h.name }))} moduleTitles={titles} />
      <AutoRefresh seconds={3} />
      <BulkForm id="bulk-operations" action={bulkOperationsAction} actions={[{ value: "restart", label: t("list.restart") }, { value: "cancel", label: t("list.cancel") }]} items="operations" idsName="operationIds" />
      {!result && <Notice tone="error">{t("list.invalid")}</Notice>}
      <Table head={head} caption={t("list.caption")}>
        {result?.items.length === 0 && <EmptyRow colSpan={head.length}>{t("list.none")}</EmptyRow>}
        {result?.items.map((op) => (
          <tr key={op.id} data-state={op.state}>
            <Td>
              <input type="checkbox" name="operationIds" value={op.id} form="bulk-operations" aria-label={t("list.tickOne", { id: op.id })} className="size-4" />
            </Td>
            <Td className="min-w-[9rem]">
              <OperationState view={op} compact />
            </Td>
            <Td className="md:whitespace-nowrap">
              <Link href={`/admin/operations/${op.id}`} className="font-medium text-indigo-700 hover:underline">
                #{op.id}
              </Link>{" "}
              {labels.operationKind(op.kind)}
              <div className="text-xs text-slate-500">
                {op.doneBy === "staff" ? t("list.byHand") : t("list.attempts", { count: op.attempts })}
              </div>
            </Td>
            <Td className="[overflow-wrap:anywhere]">
              <ServiceName service={{ id: op.serviceId, params: op.serviceParams, remoteName: op.serviceName, tariffName: op.tariffName }} href={`/admin/services/${op.serviceId}`} />
              <div className="text-xs text-slate-500 md:hidden">{op.clientName}</div>
            </Td>
            <Td className={from.md}>
              <Link href={`/admin/clients/${op.clientId}`} className="text-indigo-700 hover:underline">
                {op.clientName}
              </Link>
            </Td>
            <Td className={from.lg}>{op.handlerName ?? <span className="text-slate-500">{t("notChosen")}</span>}</Td>
            <Td className={`${from.lg} whitespace-nowrap`}>
              {op.taskId ? (
                <span>
                  #{op.taskId} <Badge status={op.taskStatus ?? "new"} />
                </span>
              ) : (
                "—"
              )}
            </Td>
            <Td className={from.xl}>
              <When at={op.createdAt} />
            </Td>
          </tr>
        ))}
      </Table>
      {result && <Pager path="/admin/operations" params={values} nextCursor={result.nextCursor} />}
      <CsvLink list="operations" params={values} />
    </>
  );
}

function QuickLink({ href, on, alarm = false, children }: { href: string; on: boolean; alarm?: boolean; children: ReactNode }) {
  const tone = on ? "border-indigo-600 bg-indigo-50 text-indigo-800" : alarm ? "border-red-300 bg-red-50 text-red-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50";
  return (
    <Link href={href} aria-current={on ? "page" : undefined} className={`rounded-full border px-3 py-1 font-medium ${tone}`}>
      {children}
    </Link>
  );
}
