import { getLocale, getTranslations } from "next-intl/server";
import { getClient } from "@/lib/services/clients/get";
import { listBalanceEntries } from "@/lib/services/balance/list-entries";
import { listPaymentSessions } from "@/lib/services/payments/list-sessions";
import { cardGateway } from "@/lib/billing/card-gateway";
import { Card, PageHeading } from "@/components/ui/card";
import { formatMoney, Money } from "@/components/ui/money";
import { labelsIn } from "@/components/store/labels";
import { BadCursorNotice, cursorParam, Pager } from "@/components/store/pager";
import { CardPayForm } from "@/components/store/card-pay-form";
import { CardPayments } from "@/components/store/card-payments";
import { clientCtx } from "@/lib/services/request-context";
import { startPaymentAction } from "../payments/actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("account.balance"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function BalancePage({ searchParams }: Props) {
  const { cursor, invalid } = cursorParam((await searchParams).cursor);
  const ctx = await clientCtx("/account/balance");
  const client = await getClient({ ctx, input: { clientId: ctx.clientId } });
  const { items, nextCursor } = await listBalanceEntries({ ctx, input: { cursor, limit: 30 } });
  const cards = cursor ? { items: [] } : await listPaymentSessions({ ctx, input: { limit: 10 } });
  const gateway = cardGateway();
  const [t, locale] = await Promise.all([getTranslations("account.balance"), getLocale()]);
  const labels = labelsIn(locale);
  return (
    <>
      <PageHeading title={t("title")} description={t("description")} />
      <BadCursorNotice invalid={invalid} />
      <div className="mb-4 grid gap-4 md:grid-cols-2">
        <Card>
          <p className="text-2xl font-semibold" data-testid="balance"><Money amount={client.balance} currency={client.currency} /></p>
          <p className="mt-2 text-sm text-slate-600">{t("note", { id: client.id })}</p>
        </Card>
        <Card title={t("addFunds")}>
          {gateway ? (
            <CardPayForm action={startPaymentAction} label={gateway === "demo" ? t("addDemo") : t("addCard")} currency={client.currency} demo={gateway === "demo"} />
          ) : (
            <p className="text-sm text-slate-600">{t("noCards")}</p>
          )}
        </Card>
      </div>
      {cards.items.length > 0 && <CardPayments sessions={cards.items} />}
      <h2 className="mb-2 mt-6 text-base font-semibold text-slate-900">{t("history")}</h2>
      {items.length === 0 ? (
        <Card><p className="text-sm text-slate-600">{t("none")}</p></Card>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("history")}>
          {items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
              <div className="min-w-0">
                <p className="font-medium wrap-anywhere">{labels.entryKind(e.kind)}{e.note ? `: ${e.note}` : ""}</p>
                <p className="text-xs text-slate-500">{labels.dateTime(e.createdAt)}</p>
              </div>
              <div className="text-right">
                <p className={e.amount < 0 ? "text-red-700" : "text-emerald-700"}>
                  {e.amount > 0 ? "+" : "−"}<Money amount={Math.abs(e.amount)} currency={e.currency} />
                </p>
                <p className="text-xs text-slate-500">{t("after", { amount: formatMoney(e.balanceAfter, e.currency, locale) })}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager path="/account/balance" cursor={cursor} nextCursor={nextCursor} />
    </>
  );
}
