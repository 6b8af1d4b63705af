import { redirect } from "next/navigation";
import { getDatabase } from "@/lib/db";
import { currentActor } from "@/lib/auth/actor";
import { getClient } from "@/lib/services/clients/get";
import { Card, ForbiddenNotice, PageHeading } from "@/components/ui/card";
import { Money } from "@/components/ui/money";

export const dynamic = "force-dynamic";
export const metadata = { title: "My account · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const { notice } = await searchParams;
  const actor = await currentActor();
  if (actor.type !== "user" || actor.clientId === null) redirect("/sign-in?next=/account");
  const { db } = await getDatabase();
  const client = await getClient({ ctx: { db, actor }, input: { clientId: actor.clientId } });
  return (
    <>
      <ForbiddenNotice notice={notice} />
      <PageHeading title="Your account" description={`Signed in as ${client.email}`} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card title="Client">
          <p className="text-lg font-medium">{client.name}</p>
          {client.company && <p className="text-sm text-slate-600">{client.company}</p>}
        </Card>
        <Card title="Balance">
          <p className="text-2xl font-semibold" data-testid="balance">
            <Money amount={client.balance} currency={client.currency} />
          </p>
        </Card>
      </div>
      <Card title="Services" className="mt-4">
        <p className="text-sm text-slate-600">Your services will be listed here once you order one from the store.</p>
      </Card>
    </>
  );
}
