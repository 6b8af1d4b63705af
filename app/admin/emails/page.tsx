import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { listEmailTexts } from "@/lib/services/emails/list-texts";
import { EMAIL_TEXT_LOCALES } from "@/lib/services/emails/save-text";
import { adminPageCtx } from "@/lib/services/request-context";
import { Card, PageHeading } from "@/components/ui/card";
import { Badge } from "@/components/admin/badge";
import { EmailTextForm } from "@/components/admin/email-text-form";
import { EmptyRow, Table, Td } from "@/components/admin/table";
import { previewEmailTextAction, saveEmailTextAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("admin.pages"))("emailTexts.meta") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The emails Provisio sends: each one's subject and body can be the provider's own, per language. */
export default async function EmailTextsPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const t = await getTranslations("adminMail.texts");
  const localeName = (l: string) => (l === "en" || l === "ru" ? t(`locales.${l}`) : l);
  const { template: chosen, locale: wanted } = await searchParams;
  const ctx = await adminPageCtx("/admin/emails");
  const list = await listEmailTexts({ ctx });
  const current = list.find((e) => e.template === chosen);
  const locale = (EMAIL_TEXT_LOCALES as readonly string[]).includes(String(wanted)) ? String(wanted) : "en";
  if (current) {
    const text = current.texts.find((x) => x.locale === locale);
    return (
      <>
        <p className="mb-2 text-sm"><Link href="/admin/emails" className="text-indigo-700 hover:underline">{t("back")}</Link></p>
        <PageHeading title={t("title", { subject: current.builtInSubject })} description={t("description", { template: current.template })} />
        <nav aria-label={t("language")} className="mb-4 flex gap-3 text-sm">
          {EMAIL_TEXT_LOCALES.map((l) => (
            <Link key={l} href={`/admin/emails?template=${current.template}&locale=${l}`} aria-current={l === locale ? "page" : undefined} className={l === locale ? "font-semibold text-slate-900" : "text-indigo-700 hover:underline"}>
              {localeName(l)}
            </Link>
          ))}
        </nav>
        <Card>
          <EmailTextForm
            key={`${current.template}:${locale}`}
            template={current.template}
            locale={locale}
            variables={current.variables}
            initial={{ subject: text?.subject ?? "", body: text?.body ?? "" }}
            builtIn={{ subject: current.builtInSubject, text: current.builtInText }}
            save={saveEmailTextAction}
            preview={previewEmailTextAction}
          />
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeading title={tp("emailTexts.title")} description={tp("emailTexts.description")} />
      <Table head={[th("email"), th("template"), th("text")]} caption={th("emailTemplates")}>
        {list.length === 0 && <EmptyRow colSpan={3}>{t("none")}</EmptyRow>}
        {list.map((e) => (
          <tr key={e.template}>
            <Td><Link href={`/admin/emails?template=${e.template}`} className="text-indigo-700 hover:underline">{e.builtInSubject}</Link></Td>
            <Td><code className="text-xs">{e.template}</code></Td>
            <Td>
              {e.texts.length ? e.texts.map((x) => <Badge key={x.locale} status="active" label={t("own", { language: localeName(x.locale) })} />) : <Badge status="unknown" label={t("builtIn")} />}
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
