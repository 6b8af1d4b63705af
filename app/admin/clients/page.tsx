import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CsvLink } from "@/components/admin/csv-link";
import { listClients } from "@/lib/services/clients/list";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { Money } from "@/components/ui/money";
import { Pager, param } from "@/components/admin/pager";
import { SpecForm } from "@/components/admin/spec-form";
import { EmptyRow, from, Table, Td, When } from "@/components/admin/table";
import { Badge } from "@/components/admin/badge";
import { adminPageCtx } from "@/lib/services/request-context";
import { filterInput, unlessInvalid } from "../list-filters";
import { createClientAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("clients.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ClientsPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminClient.list");
  const ctx = await adminPageCtx("/admin/clients");
  const sp = await searchParams;
  const values = { q: param(sp.q), cursor: param(sp.cursor) };
  const result = (await unlessInvalid(listClients({ ctx, input: filterInput(values) }))) ?? { items: [], nextCursor: null, invalid: true };
  return (
    <>
      <PageHeading title={tp("clients.title")} description={tp("clients.description")} />
      <form method="get" className="mb-4 flex items-end gap-3">
        <Field name="q" label={t("search")} placeholder={t("searchHint")} defaultValue={values.q ?? ""} />
        <button type="submit" className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500">{t("search")}</button>
      </form>
      {"invalid" in result && <Notice tone="error">{t("invalid")}</Notice>}
      <Table
        head={[th("name"), th("services"), th("balance"), { label: th("email"), className: from.md }, { label: th("company"), className: from.lg }, { label: "#", className: from.xl }, { label: th("since"), className: from.xl }]}
        caption={th("clients")}
      >
        {result.items.length === 0 && <EmptyRow colSpan={7}>{t("none")}</EmptyRow>}
        {result.items.map((c) => (
          <tr key={c.id}>
            <Td>
              <Link href={`/admin/clients/${c.id}`} className="font-medium text-indigo-700 hover:underline">{c.name}</Link>
              {c.suspendedAt && <> <Badge status="suspended" /></>}
              <div className="text-xs break-all text-slate-600 md:hidden">{c.email}</div>
            </Td>
            <Td className="tabular-nums">{c.services}</Td>
            <Td className="whitespace-nowrap"><Money amount={c.balance} currency={c.currency} /></Td>
            <Td className={from.md}>{c.email}</Td>
            <Td className={from.lg}>{c.company ?? "—"}</Td>
            <Td className={from.xl}>{c.id}</Td>
            <Td className={from.xl}><When at={c.createdAt} /></Td>
          </tr>
        ))}
      </Table>
      <Pager path="/admin/clients" params={values} nextCursor={result.nextCursor} />
      <CsvLink list="clients" params={values} />
      <Card title={t("addTitle")} className="mt-6 max-w-xl">
        <SpecForm
          action={createClientAction}
          submitLabel={t("add")}
          fields={[
            { name: "name", label: t("name") },
            { name: "email", label: t("email"), type: "email" },
            { name: "company", label: t("company") },
            { name: "phone", label: t("phone") },
            { name: "country", label: t("country") },
            { name: "city", label: t("city") },
            { name: "address", label: t("address") },
            { name: "currency", label: t("currency"), defaultValue: "USD" },
            { name: "password", label: t("password"), type: "password", autoComplete: "new-password", hint: t("passwordHint") },
            { name: "invite", label: t("invite"), type: "checkbox" },
          ]}
        />
      </Card>
    </>
  );
}
