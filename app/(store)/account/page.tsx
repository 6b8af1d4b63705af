import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getClient } from "@/lib/services/clients/get";
import { listServices } from "@/lib/services/services/list";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { AutoRefresh } from "@/components/store/auto-refresh";
import { ServiceList } from "@/components/store/service-list";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("account.overview"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const ctx = await clientCtx("/account");
  const client = await getClient({ ctx, input: { clientId: ctx.clientId } });
  const services = await listServices({ ctx, input: { limit: 5 } });
  const t = await getTranslations("account.overview");
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title={t("title")} description={t("signedInAs", { email: client.email })} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card title={t("client")}>
          <p className="text-lg font-medium wrap-anywhere">{client.name}</p>
          {client.company && <p className="text-sm text-slate-600">{client.company}</p>}
          <p className="mt-1 text-sm text-slate-600">
            {t("clientNumber")} <span data-testid="client-id">{client.id}</span>
          </p>
        </Card>
        <Card title={t("balance")}>
          <p className="text-2xl font-semibold" data-testid="balance">
            <Money amount={client.balance} currency={client.currency} />
          </p>
          <Link href="/account/balance" className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline">
            {t("history")}
          </Link>
        </Card>
      </div>
      <Card title={t("services")} className="mt-4">
        {services.items.length === 0 ? (
          <p className="text-sm text-slate-600">
            {t.rich("noServices", { store: (chunks) => <Link href="/" className="font-medium text-indigo-700 hover:underline">{chunks}</Link> })}
          </p>
        ) : (
          <>
            <ServiceList services={services.items} />
            {services.nextCursor !== null && (
              <Link href="/account/services" className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">{t("allServices")}</Link>
            )}
          </>
        )}
      </Card>
      <AutoRefresh active={services.items.some((s) => s.pending !== null)} />
    </>
  );
}
