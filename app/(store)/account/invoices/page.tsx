import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listInvoices } from "@/lib/services/invoices/list";
import { listCreditNotes } from "@/lib/services/invoices/credit-notes";
import { CreditNotesList } from "@/components/store/credit-notes-list";
import { Card, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { labelsIn } from "@/components/store/labels";
import { invoiceName } from "@/lib/billing/invoice-format";
import { BadCursorNotice, cursorParam, Pager } from "@/components/store/pager";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("account.invoices"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function InvoicesPage({ searchParams }: Props) {
  const { cursor, invalid } = cursorParam((await searchParams).cursor);
  const ctx = await clientCtx("/account/invoices");
  const { items, nextCursor } = await listInvoices({ ctx, input: { cursor, limit: 20 } });
  const [t, locale] = await Promise.all([getTranslations("account.invoices"), getLocale()]);
  const formatDate = labelsIn(locale).date;
  return (
    <>
      <PageHeading title={t("title")} description={t("description")} />
      <BadCursorNotice invalid={invalid} />
      {items.length === 0 ? (
        <Card><p className="text-sm text-slate-600">{t("none")}</p></Card>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {items.map((inv) => (
            <li key={inv.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <div className="min-w-0">
                <Link href={`/account/invoices/${inv.id}`} className="font-medium text-indigo-700 hover:underline">{t("invoice", { name: invoiceName(inv) })}</Link>
                <p className="text-xs text-slate-500">{formatDate(inv.issuedAt ?? inv.createdAt)} · {inv.description}{inv.status === "unpaid" && inv.dueAt ? t("due", { date: formatDate(inv.dueAt) }) : ""}</p>
              </div>
              <div className="text-right text-sm">
                <Money amount={inv.amount} currency={inv.currency} />
                <p className={inv.status === "unpaid" ? "font-medium text-amber-700" : "text-slate-500"}>{t(`status.${inv.status}`)}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <Pager path="/account/invoices" cursor={cursor} nextCursor={nextCursor} />
      {!cursor && <CreditNotesList notes={(await listCreditNotes({ ctx, input: { limit: 20 } })).items} pdfBase="/account/credit-notes" recent showInvoice />}
    </>
  );
}
