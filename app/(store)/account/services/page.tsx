import Link from "next/link";
import { listServices } from "@/lib/services/services/list";
import { Card, PageHeading } from "@/components/ui/card";
import { OnceNotice } from "@/components/store/once-notice";
import { AutoRefresh } from "@/components/store/auto-refresh";
import { BadCursorNotice, cursorParam, Pager } from "@/components/store/pager";
import { ServiceList } from "@/components/store/service-list";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Services · Provisio" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServicesPage({ searchParams }: Props) {
  const query = await searchParams;
  const ctx = await clientCtx("/account/services");
  const { cursor, invalid } = cursorParam(query.cursor);
  const { items, nextCursor } = await listServices({ ctx, input: { cursor, limit: 20 } });
  return (
    <>
      <PageHeading title="Services" description="Everything you have ordered, with what is in progress." />
      <BadCursorNotice invalid={invalid} />
      <OnceNotice param="paid">Payment received. Your new services are being set up; this page updates by itself.</OnceNotice>
      {items.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">
            No services yet. <Link href="/" className="font-medium text-indigo-700 hover:underline">Visit the store</Link>.
          </p>
        </Card>
      ) : (
        <ServiceList services={items} />
      )}
      <Pager path="/account/services" cursor={cursor} nextCursor={nextCursor} />
      <AutoRefresh active={items.some((s) => s.pending !== null)} />
    </>
  );
}
