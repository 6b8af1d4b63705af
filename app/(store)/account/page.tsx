import Link from "next/link";
import { getClient } from "@/lib/services/clients/get";
import { listServices } from "@/lib/services/services/list";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";
import { AutoRefresh } from "@/components/store/auto-refresh";
import { ServiceList } from "@/components/store/service-list";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "My account · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const ctx = await clientCtx("/account");
  const client = await getClient({ ctx, input: { clientId: ctx.clientId } });
  const services = await listServices({ ctx, input: { limit: 5 } });
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title="Your account" description={`Signed in as ${client.email}`} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card title="Client">
          <p className="text-lg font-medium">{client.name}</p>
          {client.company && <p className="text-sm text-slate-600">{client.company}</p>}
          <p className="mt-1 text-sm text-slate-600">
            Client number <span data-testid="client-id">{client.id}</span>
          </p>
        </Card>
        <Card title="Balance">
          <p className="text-2xl font-semibold" data-testid="balance">
            <Money amount={client.balance} currency={client.currency} />
          </p>
          <Link href="/account/balance" className="mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline">
            Balance history
          </Link>
        </Card>
      </div>
      <Card title="Services" className="mt-4">
        {services.items.length === 0 ? (
          <p className="text-sm text-slate-600">
            Your services will be listed here once you order one from the{" "}
            <Link href="/" className="font-medium text-indigo-700 hover:underline">store</Link>.
          </p>
        ) : (
          <>
            <ServiceList services={services.items} />
            {services.nextCursor !== null && (
              <Link href="/account/services" className="mt-3 inline-block text-sm font-medium text-indigo-700 hover:underline">All services</Link>
            )}
          </>
        )}
      </Card>
      <AutoRefresh active={services.items.some((s) => s.pending !== null)} />
    </>
  );
}
