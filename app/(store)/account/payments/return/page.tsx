import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AppError } from "@/lib/errors";
import { getInvoice } from "@/lib/services/invoices/get";
import { invoiceName } from "@/lib/billing/invoice-format";
import { getPaymentSession } from "@/lib/services/payments/get-session";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { AutoRefresh } from "@/components/store/auto-refresh";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("paymentReturn"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const link = "font-medium text-indigo-700 hover:underline";

/** Where the client lands after the gateway's page: the payment as we know it, updated until the bank answers. */
export default async function PaymentReturnPage({ searchParams }: Props) {
  const raw = (await searchParams).session_id;
  const externalId = Array.isArray(raw) ? raw[0] : raw;
  const ctx = await clientCtx("/account/balance");
  if (!externalId) notFound();
  const session = await getPaymentSession({ ctx, input: { externalId } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  });
  const invoice = session.invoiceId ? await getInvoice({ ctx, input: { invoiceId: session.invoiceId } }) : null;
  const [t, locale] = await Promise.all([getTranslations("paymentReturn"), getLocale()]);
  const amount = formatMoney(session.amount, session.currency, locale);
  return (
    <div className="mx-auto max-w-xl">
      <PageHeading title={t("title")} description={invoice ? t("invoice", { name: invoiceName(invoice) }) : t("adding")} />
      <Card>
        <div data-testid="payment-status">
          {session.status === "open" && (
            <Notice>{t("waiting", { amount })}</Notice>
          )}
          {session.status === "paid" && (
            <Notice>
              {invoice?.status === "paid"
                ? invoice.kind === "renewal" ? t("paidRenewal", { amount, id: invoice.serviceId ?? "" }) : t("paidOrder", { amount })
                : t("paidBalance", { amount })}
            </Notice>
          )}
          {session.status === "paid" && invoice && invoice.status !== "paid" && session.failureReason && (
            <Notice tone="warning">{session.failureReason}</Notice>
          )}
          {session.status === "failed" && <Notice tone="error">{t("failed", { amount, reason: session.failureReason ?? t("declined") })}</Notice>}
          {session.status === "expired" && <Notice tone="warning">{t("expired", { amount })}</Notice>}
        </div>
        <p className="flex flex-wrap gap-4 text-sm">
          {invoice?.status === "paid" && <Link href={invoice.kind === "renewal" ? `/account/services/${invoice.serviceId}` : "/account/services"} className={link}>{invoice.kind === "renewal" ? t("seeService") : t("seeServices")}</Link>}
          {invoice && invoice.status === "unpaid" && session.status !== "open" && <Link href={`/account/invoices/${invoice.id}`} className={link}>{t("backInvoice")}</Link>}
          <Link href="/account/balance" className={link}>{t("balance")}</Link>
        </p>
      </Card>
      <AutoRefresh active={session.status === "open"} />
    </div>
  );
}
