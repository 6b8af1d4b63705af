import { getLocale, getTranslations } from "next-intl/server";
import { listMyEmails } from "@/lib/services/emails/list-mine";
import { Card, PageHeading } from "@/components/ui/card";
import { labelsIn } from "@/components/store/labels";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("account.messages"))("metaTitle") };
}

export default async function MessagesPage() {
  const ctx = await clientCtx("/account/messages");
  const emails = await listMyEmails({ ctx, input: { limit: 50 } });
  const [t, locale] = await Promise.all([getTranslations("account.messages"), getLocale()]);
  return (
    <>
      <PageHeading title={t("title")} description={t("description")} />
      {emails.length === 0 ? (
        <Card><p className="text-sm text-slate-600">{t("none")}</p></Card>
      ) : (
        <ul className="flex flex-col gap-3">
          {emails.map((m) => (
            <li key={m.id}>
              <details className="rounded-lg border border-slate-200 bg-white p-4">
                <summary className="cursor-pointer">
                  <span className="font-medium wrap-anywhere">{m.subject}</span>{" "}
                  <span className="text-xs text-slate-500">{labelsIn(locale).dateTime(m.sentAt ?? m.createdAt)}</span>
                </summary>
                <pre className="mt-3 whitespace-pre-wrap break-words font-sans text-sm text-slate-800">{m.text}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
