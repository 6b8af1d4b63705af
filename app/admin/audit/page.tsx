import { getTranslations } from "next-intl/server";
import { listAudit } from "@/lib/services/audit/list";
import { CsvLink } from "@/components/admin/csv-link";
import { auditActor } from "@/components/admin/audit-actor";
import { Notice, PageHeading } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { Pager, param } from "@/components/admin/pager";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { filterInput, unlessInvalid } from "../list-filters";
import { FilterForm } from "@/components/admin/filter-form";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("auditLog.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const json = (v: unknown) => (v == null ? "" : JSON.stringify(v, null, 2));

export default async function AuditPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const ctx = await adminPageCtx("/admin/audit");
  const sp = await searchParams;
  const values = { entity: param(sp.entity), entityId: param(sp.entityId), cursor: param(sp.cursor) };
  const result = await unlessInvalid(listAudit({ ctx, input: filterInput(values) }));
  return (
    <>
      <PageHeading title={tp("auditLog.title")} description={tp("auditLog.description")} />
      <FilterForm>
        <Field name="entity" label="Entity" placeholder="handler, tariff, settings…" defaultValue={values.entity ?? ""} />
        <Field name="entityId" label="Id" defaultValue={values.entityId ?? ""} />
      </FilterForm>
      {!result && <Notice tone="error">Some filters are not valid.</Notice>}
      <Table head={[th("when"), th("who"), th("action"), th("entity"), th("before"), th("after")]} caption={th("auditLog")}>
        {result?.items.length === 0 && <EmptyRow colSpan={6}>Nothing recorded.</EmptyRow>}
        {result?.items.map((a) => (
          <tr key={a.id}>
            <Td><When at={a.createdAt} /></Td>
            <Td>{auditActor(a)}</Td>
            <Td><code>{a.action}</code></Td>
            <Td>{a.entity}{a.entityId ? ` #${a.entityId}` : ""}</Td>
            <Td><pre className="max-h-48 max-w-xs overflow-auto text-xs whitespace-pre-wrap">{json(a.before)}</pre></Td>
            <Td><pre className="max-h-48 max-w-xs overflow-auto text-xs whitespace-pre-wrap">{json(a.after)}</pre></Td>
          </tr>
        ))}
      </Table>
      {result && <Pager path="/admin/audit" params={values} nextCursor={result.nextCursor} />}
      <CsvLink list="audit" params={values} />
    </>
  );
}
