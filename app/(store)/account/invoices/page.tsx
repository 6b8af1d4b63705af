import Link from "next/link";
import { listInvoices } from "@/lib/services/invoices/list";
import { Card, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { formatDate } from "@/components/store/labels";
import { invoiceName } from "@/lib/billing/invoice-format";
import { BadCursorNotice, cursorParam, Pager } from "@/components/store/pager";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invoices · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const statusText = { unpaid: "Unpaid", paid: "Paid", cancelled: "Cancelled" } as const;

export default async function InvoicesPage({ searchParams }: Props) {
  const { cursor, invalid } = cursorParam((await searchParams).cursor);
  const ctx = await clientCtx("/account/invoices");
  const { items, nextCursor } = await listInvoices({ ctx, input: { cursor, limit: 20 } });
  return (
    <>
      <PageHeading title="Invoices" description="Orders and renewals, paid from your balance." />
      <BadCursorNotice invalid={invalid} />
      {items.length === 0 ? (
        <Card><p className="text-sm text-slate-600">No invoices yet.</p></Card>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <div>
                <Link href={`/account/invoices/${inv.id}`} className="font-medium text-indigo-700 hover:underline">Invoice {invoiceName(inv)}</Link>
                <p className="text-xs text-slate-500">{formatDate(inv.issuedAt ?? inv.createdAt)} · {inv.description}{inv.status === "unpaid" && inv.dueAt ? ` · due ${formatDate(inv.dueAt)}` : ""}</p>
              </div>
              <div className="text-right text-sm">
                <Money amount={inv.amount} currency={inv.currency} />
                <p className={inv.status === "unpaid" ? "font-medium text-amber-700" : "text-slate-500"}>{statusText[inv.status]}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager path="/account/invoices" cursor={cursor} nextCursor={nextCursor} />
    </>
  );
}
