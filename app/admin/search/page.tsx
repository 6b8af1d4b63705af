import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import Link from "next/link";
import { AppError } from "@/lib/errors";
import { find } from "@/lib/services/search/find";
import { invoiceName } from "@/lib/billing/invoice-format";
import { displayDomain } from "@/lib/domain-display";
import { Notice, PageHeading } from "@/components/ui/card";
import { Badge } from "@/components/admin/badge";
import { param } from "@/components/admin/pager";
import { Money } from "@/components/ui/money";
import { adminPageCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("search.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function search(ctx: Awaited<ReturnType<typeof adminPageCtx>>, q: string, tooLong: string) {
  try {
    return { found: await find({ ctx, input: { q } }) };
  } catch (error) {
    if (error instanceof AppError && error.code === "validation") return { error: tooLong };
    throw error;
  }
}

export default async function SearchPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const t = await getTranslations("adminSearch");
  const ctx = await adminPageCtx("/admin/search");
  const q = param((await searchParams).q) ?? "";
  if (!q.trim()) return <PageHeading title={tp("search.title")} description={tp("search.description")} />;
  const { found, error } = await search(ctx, q, t("tooLong"));
  const none = found && found.clients.length + found.services.length + found.invoices.length === 0;
  return (
    <>
      <PageHeading title={tp("search.title")} description={t("results", { q: q.slice(0, 200) })} />
      {error && <Notice tone="error">{error}</Notice>}
      {none && <Notice>{t("nothing")}</Notice>}
      {found && found.clients.length > 0 && (
        <Group title={t("clients")}>
          {found.clients.map((c) => (
            <li key={c.id}>
              <Link href={`/admin/clients/${c.id}`} className="font-medium text-indigo-700 hover:underline">{c.name}</Link> <span className="text-slate-500">{c.email} · #{c.id}</span>
            </li>
          ))}
        </Group>
      )}
      {found && found.services.length > 0 && (
        <Group title={t("services")}>
          {found.services.map((s) => (
            <li key={s.id} className="[overflow-wrap:anywhere]">
              <Link href={`/admin/services/${s.id}`} className="font-medium text-indigo-700 hover:underline">#{s.id} {s.domain ? displayDomain(s.domain) : s.remoteName}</Link> <Badge status={s.status} />{" "}
              <span className="text-slate-500">{[s.ip, s.clientName].filter(Boolean).join(" · ")}</span>
            </li>
          ))}
        </Group>
      )}
      {found && found.invoices.length > 0 && (
        <Group title={t("invoices")}>
          {found.invoices.map((i) => (
            <li key={i.id}>
              <Link href={`/admin/invoices/${i.id}`} className="font-medium text-indigo-700 hover:underline">{t("invoice", { name: invoiceName(i) })}</Link> <Badge status={i.status} />{" "}
              <Money amount={i.amount} currency={i.currency} />
            </li>
          ))}
        </Group>
      )}
    </>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="mb-6">
      <h2 className="mb-2 text-lg font-semibold text-slate-900">{title}</h2>
      <ul className="flex flex-col gap-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">{children}</ul>
    </section>
  );
}
