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

const localeNames: Record<string, string> = { en: "English", ru: "Russian" };

/** The emails Provisio sends: each one's subject and body can be the provider's own, per language. */
export default async function EmailTextsPage({ searchParams }: Props) {
  const tp = await getTranslations("admin.pages");
  const th = await getTranslations("admin.cols");
  const { template: chosen, locale: wanted } = await searchParams;
  const ctx = await adminPageCtx("/admin/emails");
  const list = await listEmailTexts({ ctx });
  const current = list.find((t) => t.template === chosen);
  const locale = (EMAIL_TEXT_LOCALES as readonly string[]).includes(String(wanted)) ? String(wanted) : "en";
  if (current) {
    const text = current.texts.find((t) => t.locale === locale);
    return (
      <>
        <p className="mb-2 text-sm"><Link href="/admin/emails" className="text-indigo-700 hover:underline">← Email texts</Link></p>
        <PageHeading title={`Email: ${current.builtInSubject}`} description={`Template “${current.template}”. Leave a field blank to keep the built-in text.`} />
        <nav aria-label="Language" className="mb-4 flex gap-3 text-sm">
          {EMAIL_TEXT_LOCALES.map((l) => (
            <Link key={l} href={`/admin/emails?template=${current.template}&locale=${l}`} aria-current={l === locale ? "page" : undefined} className={l === locale ? "font-semibold text-slate-900" : "text-indigo-700 hover:underline"}>
              {localeNames[l] ?? l}
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
        {list.length === 0 && <EmptyRow colSpan={3}>No templates.</EmptyRow>}
        {list.map((t) => (
          <tr key={t.template}>
            <Td><Link href={`/admin/emails?template=${t.template}`} className="text-indigo-700 hover:underline">{t.builtInSubject}</Link></Td>
            <Td><code className="text-xs">{t.template}</code></Td>
            <Td>
              {t.texts.length ? t.texts.map((x) => <Badge key={x.locale} status="active" label={`own text (${localeNames[x.locale] ?? x.locale})`} />) : <Badge status="unknown" label="built-in" />}
            </Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
