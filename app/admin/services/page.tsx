import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import { CsvLink } from "@/components/admin/csv-link";
import { serviceStatuses } from "@/lib/vocabulary";
import { listServices } from "@/lib/services/services/list";
import { Notice, PageHeading } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { Badge } from "@/components/admin/badge";
import { adminLabelsIn } from "@/components/admin/labels";
import { ServiceName } from "@/components/admin/service-name";
import { Pager, param } from "@/components/admin/pager";
import { SelectField } from "@/components/ui/select";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { filterInput, unlessInvalid } from "../list-filters";
import { FilterForm } from "@/components/admin/filter-form";
import { BulkForm } from "@/components/admin/bulk-form";
import { bulkServicesAction } from "./bulk-actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("services.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServicesPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminService.list");
  const labels = adminLabelsIn(await getLocale());
  const bulkActions = (["suspend", "resume", "close"] as const).map((value) => ({ value, label: labels.operationKind(value) }));
  const ctx = await adminPageCtx("/admin/services");
  const sp = await searchParams;
  const values = { status: param(sp.status), clientId: param(sp.clientId), cursor: param(sp.cursor) };
  const result = await unlessInvalid(listServices({ ctx, input: filterInput({ ...values, limit: 50 }) }));
  const head = [<span key="tick" className="sr-only">{th("tick")}</span>, "#", th("name"), th("product"), th("tariff"), th("client"), th("status"), th("inProgress"), th("expires")];
  return (
    <>
      <PageHeading title={tp("services.title")} description={tp("services.description")} />
      <FilterForm>
        <SelectField name="status" label={t("status")} empty={t("any")} options={serviceStatuses.map((s) => ({ value: s, label: labels.status(s) }))} defaultValue={values.status ?? ""} />
        <Field name="clientId" label={t("client")} inputMode="numeric" defaultValue={values.clientId ?? ""} />
      </FilterForm>
      {!result && <Notice tone="error">{t("invalid")}</Notice>}
      <BulkForm id="bulk-services" action={bulkServicesAction} actions={bulkActions} items="services" idsName="serviceIds" />
      <Table head={head} caption={th("services")}>
        {result?.items.length === 0 && <EmptyRow colSpan={head.length}>{t("none")}</EmptyRow>}
        {result?.items.map((s) => (
          <tr key={s.id}>
            <Td>
              <input type="checkbox" name="serviceIds" value={s.id} form="bulk-services" aria-label={t("tick", { id: s.id })} className="size-4" />
            </Td>
            <Td>
              <Link href={`/admin/services/${s.id}`} className="font-medium text-indigo-700 hover:underline">#{s.id}</Link>
            </Td>
            <Td className="[overflow-wrap:anywhere]"><ServiceName service={s} /></Td>
            <Td>{labels.productType(s.productType)}</Td>
            <Td>{s.tariffName}</Td>
            <Td>
              <Link href={`/admin/clients/${s.clientId}`} className="text-indigo-700 hover:underline">{s.clientName}</Link>
            </Td>
            <Td><Badge status={s.status} /></Td>
            <Td>{s.pending ? labels.operationKind(s.pending) : "—"}</Td>
            <Td><When at={s.expiresAt} /></Td>
          </tr>
        ))}
      </Table>
      {result && <Pager path="/admin/services" params={values} nextCursor={result.nextCursor} />}
      <CsvLink list="services" params={values} />
    </>
  );
}
