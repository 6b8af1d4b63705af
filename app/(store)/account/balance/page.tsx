import { getClient } from "@/lib/services/clients/get";
import { listBalanceEntries } from "@/lib/services/balance/list-entries";
import { listPaymentSessions } from "@/lib/services/payments/list-sessions";
import { cardGateway } from "@/lib/billing/card-gateway";
import { Card, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { entryKindLabels, formatDateTime } from "@/components/store/labels";
import { BadCursorNotice, cursorParam, Pager } from "@/components/store/pager";
import { CardPayForm } from "@/components/store/card-pay-form";
import { CardPayments } from "@/components/store/card-payments";
import { clientCtx } from "@/lib/services/request-context";
import { startPaymentAction } from "../payments/actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Balance · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BalancePage({ searchParams }: Props) {
  const { cursor, invalid } = cursorParam((await searchParams).cursor);
  const ctx = await clientCtx("/account/balance");
  const client = await getClient({ ctx, input: { clientId: ctx.clientId } });
  const { items, nextCursor } = await listBalanceEntries({ ctx, input: { cursor, limit: 30 } });
  const cards = cursor ? { items: [] } : await listPaymentSessions({ ctx, input: { limit: 10 } });
  const gateway = cardGateway();
  return (
    <>
      <PageHeading title="Balance" description="Orders and renewals are paid from your balance." />
      <BadCursorNotice invalid={invalid} />
      <div className="mb-4 grid gap-4 md:grid-cols-2">
        <Card>
          <p className="text-2xl font-semibold" data-testid="balance"><Money amount={client.balance} currency={client.currency} /></p>
          <p className="mt-2 text-sm text-slate-600">Client number {client.id}. Card payments show up here as soon as the bank confirms them.</p>
        </Card>
        <Card title="Add funds">
          {gateway ? (
            <CardPayForm action={startPaymentAction} label={gateway === "demo" ? "Add funds (demo gateway)" : "Add funds by card"} currency={client.currency} demo={gateway === "demo"} />
          ) : (
            <p className="text-sm text-slate-600">Card payments are not available on this site. To add funds, please contact us.</p>
          )}
        </Card>
      </div>
      {cards.items.length > 0 && <CardPayments sessions={cards.items} />}
      <h2 className="mb-2 mt-6 text-base font-semibold text-slate-900">Balance history</h2>
      {items.length === 0 ? (
        <Card><p className="text-sm text-slate-600">No balance changes yet.</p></Card>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Balance history">
          {items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
              <div>
                <p className="font-medium">{entryKindLabels[e.kind] ?? e.kind}{e.note ? `: ${e.note}` : ""}</p>
                <p className="text-xs text-slate-500">{formatDateTime(e.createdAt)}</p>
              </div>
              <div className="text-right">
                <p className={e.amount < 0 ? "text-red-700" : "text-emerald-700"}>
                  {e.amount > 0 ? "+" : "−"}<Money amount={Math.abs(e.amount)} currency={e.currency} />
                </p>
                <p className="text-xs text-slate-500">balance <Money amount={e.balanceAfter} currency={e.currency} /></p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager path="/account/balance" cursor={cursor} nextCursor={nextCursor} />
    </>
  );
}
