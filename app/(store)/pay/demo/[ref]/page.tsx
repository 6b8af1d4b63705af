import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { demoGatewayEnabled } from "@/lib/billing/card-gateway";
import { AppError } from "@/lib/errors";
import { getPaymentSession } from "@/lib/services/payments/get-session";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { formatMoney, Money } from "@/components/ui/money";
import { DemoGatewayForm } from "@/components/store/demo-gateway-form";
import { clientCtx } from "@/lib/services/request-context";
import { declineDemoAction, payDemoAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("demoGateway"))("meta") };
}

type Props = { params: Promise<{ ref: string }> };

/** The demo gateway: a stand-in payment page for sites without a card gateway. No money moves. */
export default async function DemoGatewayPage({ params }: Props) {
  const { ref } = await params;
  if (!demoGatewayEnabled() || !/^demo_[\w-]{1,100}$/.test(ref)) notFound();
  const ctx = await clientCtx(`/pay/demo/${ref}`);
  const session = await getPaymentSession({ ctx, input: { externalId: ref } }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  });
  if (session.status !== "open") redirect(`/account/payments/return?session_id=${ref}`);
  const [t, locale] = await Promise.all([getTranslations("demoGateway"), getLocale()]);
  return (
    <div className="mx-auto max-w-lg">
      <PageHeading title={t("title")} description={t("description")} />
      <Notice tone="warning">
        {t.rich("warning", { b: (chunks) => <strong>{chunks}</strong> })}
      </Notice>
      <Card>
        <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-slate-600">{t("amount")}</dt>
          <dd className="text-lg font-semibold" data-testid="demo-amount"><Money amount={session.amount} currency={session.currency} /></dd>
          <dt className="text-slate-600">{t("for")}</dt>
          <dd>{session.invoiceId ? t("invoice", { id: session.invoiceId }) : t("adding")}</dd>
        </dl>
        <DemoGatewayForm
          label={t("pay", { amount: formatMoney(session.amount, session.currency, locale) })}
          pay={payDemoAction.bind(null, ref)}
          decline={declineDemoAction.bind(null, ref)}
        />
        <Link href="/account/balance" className="mt-4 inline-block text-sm text-indigo-700 hover:underline">{t("cancel")}</Link>
      </Card>
    </div>
  );
}
