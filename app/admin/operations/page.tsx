import Link from "next/link";
import { modules } from "@/lib/modules/registry";
import { listHandlers } from "@/lib/services/handlers/list";
import { listOperations } from "@/lib/services/operations/list";
import { Notice, PageHeading } from "@/components/ui/card";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { Badge } from "@/components/admin/badge";
import { operationKindLabels } from "@/components/admin/labels";
import { OperationFilters } from "@/components/admin/operation-filters";
import { Pager, param } from "@/components/admin/pager";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "../session";
import { filterInput, unlessInvalid } from "../list-filters";

export const dynamic = "force-dynamic";
export const metadata = { title: "Current operations · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const keys = ["status", "kind", "module", "handlerId", "clientId", "from", "to", "cursor"] as const;

export default async function OperationsPage({ searchParams }: Props) {
  const ctx = await adminPageCtx("/admin/operations");
  const sp = await searchParams;
  const values = Object.fromEntries(keys.map((k) => [k, param(sp[k])])) as Record<string, string | undefined>;
  const filters = filterInput(values);
  const result = await unlessInvalid(listOperations({ ctx, input: filters }));
  const handlers = await listHandlers({ ctx });
  const titles = Object.fromEntries(Object.values(modules).map((m) => [m.kind, m.title]));
  const head = ["#", "Operation", "Service", "Client", "Created", "Attempts", "Handler", "Task", "Status"];
  return (
    <>
      <PageHeading title="Current operations" description="What the processing modules are doing, newest first. Open one for its attempts and logs." />
      <OperationFilters values={values} handlers={handlers.map((h) => ({ value: h.id, label: h.name }))} moduleTitles={titles} />
      <AutoRefresh seconds={3} />
      {!result && <Notice tone="error">Some filters are not valid. Clear them and try again.</Notice>}
      <Table head={head} caption="Operations">
        {result?.items.length === 0 && <EmptyRow colSpan={head.length}>No operations match.</EmptyRow>}
        {result?.items.map((op) => (
          <tr key={op.id}>
            <Td>
              <Link href={`/admin/operations/${op.id}`} className="font-medium text-indigo-700 hover:underline">
                #{op.id}
              </Link>
            </Td>
            <Td>{operationKindLabels[op.kind] ?? op.kind}</Td>
            <Td>
              <Link href={`/admin/services/${op.serviceId}`} className="text-indigo-700 hover:underline">
                {op.serviceName || `#${op.serviceId}`}
              </Link>
            </Td>
            <Td>
              <Link href={`/admin/clients/${op.clientId}`} className="text-indigo-700 hover:underline">
                {op.clientName}
              </Link>
            </Td>
            <Td><When at={op.createdAt} /></Td>
            <Td className="tabular-nums">{op.attempts}</Td>
            <Td>{op.handlerName ?? "—"}</Td>
            <Td>{op.taskId ? <span>#{op.taskId} <Badge status={op.taskStatus ?? "new"} /></span> : "—"}</Td>
            <Td>
              <Badge status={op.status} />
              {op.lastError && op.status !== "done" && <div className="mt-1 max-w-xs truncate text-xs text-red-700" title={op.lastError}>{op.lastError}</div>}
            </Td>
          </tr>
        ))}
      </Table>
      {result && <Pager path="/admin/operations" params={values} nextCursor={result.nextCursor} />}
    </>
  );
}
