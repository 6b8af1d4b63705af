import Link from "next/link";
import { displayDomain } from "@/lib/domain-display";
import { getLocale, getTranslations } from "next-intl/server";
import { CsvLink } from "@/components/admin/csv-link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { listBalanceEntries } from "@/lib/services/balance/list-entries";
import { getClient } from "@/lib/services/clients/get";
import { listServices } from "@/lib/services/services/list";
import { listCatalog } from "@/lib/services/catalog/list";
import { listClientUsers } from "@/lib/services/users/list-for-client";
import { listClientNotes } from "@/lib/services/client-notes/list";
import { ClientNotes } from "@/components/admin/client-notes";
import { UserAccessList } from "@/components/admin/user-access-list";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { ParamNotice } from "@/components/ui/fleeting-notice";
import { Money } from "@/components/ui/money";
import { Badge } from "@/components/admin/badge";
import { Details } from "@/components/admin/details";
import { SpecForm } from "@/components/admin/spec-form";
import { OrderForClient } from "@/components/admin/order-for-client";
import { EmptyRow, Table, Td, When } from "@/components/admin/table";
import { labelsIn } from "@/components/store/labels";
import { adminPageCtx } from "@/lib/services/request-context";
import { listInvoices } from "@/lib/services/invoices/list";
import { listOrders } from "@/lib/services/orders/list";
import { ClientMoney } from "@/components/admin/client-money";
import { invoiceAction, moveBalanceAction } from "../money-actions";
import { ActionButton } from "@/components/admin/action-button";
import { SuspendForm } from "@/components/admin/suspend-form";
import { creditBalanceAction, placeOrderAction, startSupportAction, suspendClientAction } from "../actions";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function ClientPage({ params }: Props) {
  const { id } = await params;
  const ctx = await adminPageCtx(`/admin/clients/${id}`);
  const client = await getClient({ ctx, input: { clientId: Number(id) } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  const [services, entries, tariffs, signIns] = await Promise.all([
    listServices({ ctx, input: { clientId: client.id, limit: 100 } }),
    listBalanceEntries({ ctx, input: { clientId: client.id, limit: 50 } }),
    listCatalog({ ctx, input: { currency: client.currency } }),
    listClientUsers({ ctx, input: { clientId: client.id } }),
  ]);
  const [invoices, orders, notes] = await Promise.all([
    listInvoices({ ctx, input: { clientId: client.id, limit: 50 } }),
    listOrders({ ctx, input: { clientId: client.id, limit: 50 } }),
    listClientNotes({ ctx, input: { clientId: client.id } }),
  ]);
  const orderable = tariffs;
  const t = await getTranslations("adminClient.page");
  const labels = labelsIn(await getLocale());
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/clients" className="text-indigo-700 hover:underline">← {t("back")}</Link>
      </p>
      <PageHeading title={client.name} description={client.email} />
      <ParamNotice messages={{ created: t("created"), profile: t("profileSaved") }} />
      {client.suspendedAt && (
        <Notice tone="warning">
          {t.rich("suspendedSince", { when: () => <When at={client.suspendedAt} />, reason: client.suspendedReason ? `: ${client.suspendedReason}` : "" })}
        </Notice>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("client")}>
          <Details
            rows={[
              [t("balance"), <span key="b" data-testid="balance"><Money amount={client.balance} currency={client.currency} /></span>],
              [t("company"), client.company ?? "—"],
              [t("phone"), client.phone ?? "—"],
              [t("address"), [client.address, client.city, client.region, client.country].filter(Boolean).join(", ") || "—"],
              [t("tax"), [client.taxId ? t("taxId", { id: client.taxId }) : null, client.taxExempt ? t("exempt", { reason: client.taxExemptReason ?? "" }) : null].filter(Boolean).join("; ") || "—"],
              [t("since"), <When key="w" at={client.createdAt} />],
              [t("status"), <Badge key="s" status={client.suspendedAt ? "suspended" : "active"} />],
            ]}
          />
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href={`/admin/clients/${client.id}/profile`} className="inline-flex items-center text-sm font-medium text-indigo-700 hover:underline">{t("editProfile")}</Link>
            <ActionButton
              action={startSupportAction}
              values={{ clientId: client.id }}
              label={t("signInAs")}
              confirm={t("signInAsConfirm")}
            />
            {client.suspendedAt ? (
              <ActionButton action={suspendClientAction} values={{ clientId: client.id, suspended: false }} label={t("lift")} confirm={t("liftConfirm")} />
            ) : null}
          </div>
          {!client.suspendedAt && (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-slate-800">{t("suspendOpen")}</summary>
              <div className="mt-2">
                <SuspendForm
                  action={suspendClientAction}
                  values={{ clientId: client.id, suspended: true }}
                  label={t("suspend")}
                  confirm={t("suspendConfirm")}
                />
              </div>
            </details>
          )}
          <div>
          </div>
        </Card>
        <Card title={t("creditTitle")}>
          <SpecForm
            action={creditBalanceAction}
            submitLabel={t("credit")}
            resetOnSuccess
            hidden={{ clientId: client.id, currency: client.currency }}
            fields={[
              { name: "amount", label: t("amount", { currency: client.currency }), inputMode: "decimal" },
              { name: "note", label: t("note"), defaultValue: t("creditNote") },
            ]}
          />
        </Card>
        <Card title={t("orderTitle")}>
          <OrderForClient clientId={client.id} tariffs={orderable} action={placeOrderAction} />
          <p className="mt-2 text-xs text-slate-500">{t("orderHint")}</p>
        </Card>
        <Card title={t("signIns")}>
          <UserAccessList users={signIns} />
        </Card>
        <ClientNotes clientId={client.id} notes={notes} />
      </div>
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("services")}</h2>
      <Table head={["#", t("name"), t("tariff"), t("status"), t("expires")]} caption={t("servicesCaption")}>
        {services.items.length === 0 && <EmptyRow colSpan={5}>{t("noServices")}</EmptyRow>}
        {services.items.map((s) => (
          <tr key={s.id}>
            <Td><Link href={`/admin/services/${s.id}`} className="text-indigo-700 hover:underline">#{s.id}</Link></Td>
            <Td>{s.params.domain ? displayDomain(s.params.domain) : s.remoteName}</Td>
            <Td>{s.tariffName}</Td>
            <Td><Badge status={s.status} /></Td>
            <Td><When at={s.expiresAt} /></Td>
          </tr>
        ))}
      </Table>
      <ClientMoney client={client} invoices={invoices.items} orders={orders.items} actions={{ moveBalance: moveBalanceAction, invoice: invoiceAction }} />
      <p className="mt-2">
        <CsvLink list="invoices" params={{ clientId: String(client.id) }} />
      </p>
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("history")}</h2>
      <Table head={[t("when"), t("kind"), t("amountCol"), t("balanceAfter"), t("note")]} caption={t("history")}>
        {entries.items.length === 0 && <EmptyRow colSpan={5}>{t("noEntries")}</EmptyRow>}
        {entries.items.map((e) => (
          <tr key={e.id}>
            <Td><When at={e.createdAt} /></Td>
            <Td>{labels.entryKind(e.kind)}</Td>
            <Td className="tabular-nums"><Money amount={e.amount} currency={e.currency} /></Td>
            <Td className="tabular-nums"><Money amount={e.balanceAfter} currency={e.currency} /></Td>
            <Td>{e.note ?? "—"}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
