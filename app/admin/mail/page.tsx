import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { outboxStatuses } from "@/lib/vocabulary";
import { listMail } from "@/lib/services/mail/list";
import { Notice, PageHeading } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { Badge } from "@/components/admin/badge";
import { Pager, param } from "@/components/admin/pager";
import { SelectField } from "@/components/ui/select";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { filterInput, unlessInvalid } from "../list-filters";
import { FilterForm } from "@/components/admin/filter-form";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("mailLog.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MailPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminMail");
  const ctx = await adminPageCtx("/admin/mail");
  const sp = await searchParams;
  const values = { status: param(sp.status), to: param(sp.to), cursor: param(sp.cursor) };
  const result = await unlessInvalid(listMail({ ctx, input: filterInput(values) }));
  const head = ["#", th("to"), th("subject"), th("status"), th("transport"), th("attempts"), th("lastError"), th("queued"), th("sent")];
  return (
    <>
      <PageHeading title={tp("mailLog.title")} description={tp("mailLog.description")} />
      <FilterForm>
        <SelectField name="status" label={t("status")} empty={t("any")} options={outboxStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))} defaultValue={values.status ?? ""} />
        <Field name="to" label={t("to")} type="email" defaultValue={values.to ?? ""} />
      </FilterForm>
      {!result && <Notice tone="error">{t("invalid")}</Notice>}
      <Table head={head} caption={th("emails")}>
        {result?.items.length === 0 && <EmptyRow colSpan={head.length}>{t("none")}</EmptyRow>}
        {result?.items.map((m) => (
          <tr key={m.id}>
            <Td><Link href={`/admin/mail/${m.id}`} className="font-medium text-indigo-700 hover:underline">#{m.id}</Link></Td>
            <Td>{m.to}</Td>
            <Td>{m.subject}</Td>
            <Td><Badge status={m.status} /></Td>
            <Td>{m.transport === "resend" ? "Resend" : m.transport === "local" ? t("local") : ""}</Td>
            <Td className="tabular-nums">{m.attempts}</Td>
            <Td className="max-w-xs truncate text-red-700">{m.lastError ?? ""}</Td>
            <Td><When at={m.createdAt} /></Td>
            <Td><When at={m.sentAt} /></Td>
          </tr>
        ))}
      </Table>
      {result && <Pager path="/admin/mail" params={values} nextCursor={result.nextCursor} />}
    </>
  );
}
