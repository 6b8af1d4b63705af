import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isDbId } from "@/lib/ids";
import { AppError } from "@/lib/errors";
import { cardGateway } from "@/lib/billing/card-gateway";
import { cardTopUpFor } from "@/lib/billing/renewal-invoices";
import { invoiceName } from "@/lib/billing/invoice-format";
import { getClient } from "@/lib/services/clients/get";
import { getService } from "@/lib/services/services/get";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { formatMoney as money } from "@/components/ui/money";
import { labelsIn } from "@/components/store/labels";
import { RenewForm } from "@/components/store/renew-form";
import { serviceName } from "@/components/store/service-list";
import { clientCtx } from "@/lib/services/request-context";
import { renewForPeriodAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("renew"))("metaTitle") };
}

type Props = { params: Promise<{ serviceId: string }> };

/** Renew a service for any period its tariff sells, from the balance or with the difference paid by card. */
export default async function RenewPage({ params }: Props) {
  const serviceId = Number((await params).serviceId);
  if (!isDbId(serviceId)) notFound();
  const ctx = await clientCtx(`/account/services/${serviceId}/renew`);
  const service = await getService({ ctx, input: { serviceId } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  });
  const client = await getClient({ ctx, input: { clientId: service.clientId } });
  const [t, locale] = await Promise.all([getTranslations("renew"), getLocale()]);
  const { date: formatDate, period: periodLabel } = labelsIn(locale);
  const formatMoney = (amount: number, currency: string) => money(amount, currency, locale);
  const invoice = service.renewalInvoice;
  // The invoice's period costs what the invoice says; the others what the tariff sells them for today.
  const choices = service.renewals.map((r) => {
    const price = invoice && invoice.months === r.months ? invoice.amount : r.price;
    return {
      months: r.months, period: periodLabel(r.months), price: formatMoney(price, r.currency), paidUntil: formatDate(r.newExpiry),
      difference: client.balance >= price ? null : formatMoney(cardTopUpFor(price, client.balance), r.currency),
    };
  });
  const initial = invoice?.months ?? service.months;
  return (
    <div className="mx-auto max-w-2xl">
      <Link href={`/account/services/${service.id}`} className="text-sm text-indigo-700 hover:underline">← {serviceName(service)}</Link>
      <PageHeading title={t("title")} description={t("description", { id: service.id, tariff: service.tariffName, date: formatDate(service.expiresAt) })} />
      {invoice && (
        <Notice tone="warning">
          <span data-testid="renewal-invoice">
            {t.rich("invoiceNote", {
              name: invoiceName(invoice),
              amount: formatMoney(invoice.amount, invoice.currency),
              period: periodLabel(invoice.months ?? service.months),
              date: formatDate(invoice.dueAt),
              link: (chunks) => <Link href={`/account/invoices/${invoice.id}`} className="font-medium underline">{chunks}</Link>,
            })}
          </span>
        </Notice>
      )}
      <Card>
        {choices.length === 0 ? (
          <p className="text-sm text-slate-700">{t("cannot", { closed: service.status === "closed" ? "yes" : "no" })}</p>
        ) : (
          <>
            <p className="mb-4 text-sm text-slate-700">{t.rich("balance", { amount: formatMoney(client.balance, client.currency), b: (chunks) => <strong data-testid="renew-balance">{chunks}</strong> })}</p>
            <RenewForm serviceId={service.id} choices={choices} initial={choices.some((c) => c.months === initial) ? initial : choices[0]!.months} gateway={cardGateway()} action={renewForPeriodAction} />
          </>
        )}
      </Card>
    </div>
  );
}
