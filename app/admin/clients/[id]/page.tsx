import Link from "next/link";
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
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/clients" className="text-indigo-700 hover:underline">← Clients</Link>
      </p>
      <PageHeading title={client.name} description={client.email} />
      <ParamNotice messages={{ created: "The client was added.", profile: "The profile was saved." }} />
      {client.suspendedAt && (
        <Notice tone="warning">
          Suspended since <When at={client.suspendedAt} />
          {client.suspendedReason ? `: ${client.suspendedReason}` : ""}. Its services are suspended and new orders are refused.
        </Notice>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title="Client">
          <Details
            rows={[
              ["Balance", <span key="b" data-testid="balance"><Money amount={client.balance} currency={client.currency} /></span>],
              ["Company", client.company ?? "—"],
              ["Phone", client.phone ?? "—"],
              ["Address", [client.address, client.city, client.region, client.country].filter(Boolean).join(", ") || "—"],
              ["Tax", [client.taxId ? `Tax ID ${client.taxId}` : null, client.taxExempt ? `Exempt: ${client.taxExemptReason ?? ""}` : null].filter(Boolean).join("; ") || "—"],
              ["Since", <When key="w" at={client.createdAt} />],
              ["Status", <Badge key="s" status={client.suspendedAt ? "suspended" : "active"} />],
            ]}
          />
          <div className="mt-4 flex flex-wrap gap-3">
            <Link href={`/admin/clients/${client.id}/profile`} className="inline-flex items-center text-sm font-medium text-indigo-700 hover:underline">Edit profile</Link>
            <ActionButton
              action={startSupportAction}
              values={{ clientId: client.id }}
              label="Sign in as this client"
              confirm="Sign in as this client for support? You see and do what they can, for 30 minutes or until you go back; it is recorded in the audit log."
            />
            {client.suspendedAt ? (
              <ActionButton action={suspendClientAction} values={{ clientId: client.id, suspended: false }} label="Lift suspension" confirm="Lift the suspension? Services it suspended are resumed unless another reason holds them (such as abuse or non-payment), and the client can order again." />
            ) : null}
          </div>
          {!client.suspendedAt && (
            <details className="mt-4">
              <summary className="cursor-pointer text-sm font-medium text-slate-800">Suspend client…</summary>
              <div className="mt-2">
                <SuspendForm
                  action={suspendClientAction}
                  values={{ clientId: client.id, suspended: true }}
                  label="Suspend client"
                  confirm="Suspend this client? Every live service is suspended on its panel (one being set up, once it is set up), and new orders are refused until you lift it."
                />
              </div>
            </details>
          )}
          <div>
          </div>
        </Card>
        <Card title="Credit the balance">
          <SpecForm
            action={creditBalanceAction}
            submitLabel="Credit"
            resetOnSuccess
            hidden={{ clientId: client.id, currency: client.currency }}
            fields={[
              { name: "amount", label: `Amount (${client.currency})`, inputMode: "decimal" },
              { name: "note", label: "Note", defaultValue: "Credit by admin" },
            ]}
          />
        </Card>
        <Card title="Order for this client">
          <OrderForClient clientId={client.id} tariffs={orderable} action={placeOrderAction} />
          <p className="mt-2 text-xs text-slate-500">Paid from the client&apos;s balance at once; the service is then set up by its processing module.</p>
        </Card>
        <Card title="Sign-ins">
          <UserAccessList users={signIns} />
        </Card>
        <ClientNotes clientId={client.id} notes={notes} />
      </div>
      <h2 className="mt-6 mb-2 text-lg font-semibold">Services</h2>
      <Table head={["#", "Name", "Tariff", "Status", "Expires"]} caption="Services of the client">
        {services.items.length === 0 && <EmptyRow colSpan={5}>No services yet.</EmptyRow>}
        {services.items.map((s) => (
          <tr key={s.id}>
            <Td><Link href={`/admin/services/${s.id}`} className="text-indigo-700 hover:underline">#{s.id}</Link></Td>
            <Td>{s.params.domain ?? s.remoteName}</Td>
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
      <h2 className="mt-6 mb-2 text-lg font-semibold">Balance history</h2>
      <Table head={["When", "Kind", "Amount", "Balance after", "Note"]} caption="Balance history">
        {entries.items.length === 0 && <EmptyRow colSpan={5}>No entries yet.</EmptyRow>}
        {entries.items.map((e) => (
          <tr key={e.id}>
            <Td><When at={e.createdAt} /></Td>
            <Td>{e.kind}</Td>
            <Td className="tabular-nums"><Money amount={e.amount} currency={e.currency} /></Td>
            <Td className="tabular-nums"><Money amount={e.balanceAfter} currency={e.currency} /></Td>
            <Td>{e.note ?? "—"}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
