import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listServices } from "@/lib/services/services/list";
import { Card, PageHeading } from "@/components/ui/card";
import { OnceNotice } from "@/components/store/once-notice";
import { AutoRefresh } from "@/components/store/auto-refresh";
import { BadCursorNotice, cursorParam, Pager } from "@/components/store/pager";
import { ServiceList } from "@/components/store/service-list";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("account.services"))("metaTitle") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ServicesPage({ searchParams }: Props) {
  const query = await searchParams;
  const ctx = await clientCtx("/account/services");
  const { cursor, invalid } = cursorParam(query.cursor);
  const { items, nextCursor } = await listServices({ ctx, input: { cursor, limit: 20 } });
  const t = await getTranslations("account.services");
  return (
    <>
      <PageHeading title={t("title")} description={t("description")} />
      <BadCursorNotice invalid={invalid} />
      <OnceNotice param="paid">{t("paid")}</OnceNotice>
      {items.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">
            {t.rich("none", { store: (chunks) => <Link href="/" className="font-medium text-indigo-700 hover:underline">{chunks}</Link> })}
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
