import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getMail } from "@/lib/services/mail/get";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { Badge } from "@/components/admin/badge";
import { Details } from "@/components/admin/details";
import { When } from "@/components/admin/table";
import { adminPageCtx } from "@/lib/services/request-context";
import { resendMailAction, revealMailAction } from "../actions";
import { RevealEmail } from "@/components/ui/reveal-email";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export default async function MailDetailPage({ params }: Props) {
  const { id } = await params;
  const t = await getTranslations("adminMail.detail");
  const ctx = await adminPageCtx(`/admin/mail/${id}`);
  const mail = await getMail({ ctx, input: { emailId: id } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/mail" className="text-indigo-700 hover:underline">{t("back")}</Link>
      </p>
      <PageHeading title={mail.subject} description={t("to", { to: mail.to })} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("delivery")}>
          <Details
            rows={[
              [t("status"), <Badge key="s" status={mail.status} />],
              [t("attempts"), mail.attempts],
              [t("transport"), mail.transport ?? "—"],
              [t("queued"), <When key="q" at={mail.createdAt} />],
              [t("sent"), <When key="t" at={mail.sentAt} />],
              [t("template"), mail.template],
              [t("attached"), mail.attachments.length ? mail.attachments.join(", ") : "—"],
              [t("lastError"), mail.lastError ?? "—"],
            ]}
          />
          <div className="mt-4">
            <ActionButton action={resendMailAction} values={{ emailId: mail.id }} label={t("resend")} />
          </div>
        </Card>
        <Card title={t("email")} className="lg:col-span-2">
          {mail.renderError && <Notice tone="error">{t("cannotShow", { error: mail.renderError })}</Notice>}
          {mail.html && (
            <iframe title={t("frame", { id: mail.id })} sandbox="" srcDoc={mail.html} className="h-[32rem] w-full rounded border border-slate-200 bg-white" />
          )}
          {mail.text && (
            <details className="mt-3">
              <summary className="cursor-pointer text-sm text-slate-600">{t("plain")}</summary>
              <pre className="mt-1 text-xs whitespace-pre-wrap">{mail.text}</pre>
            </details>
          )}
          <RevealEmail action={revealMailAction} values={{ emailId: mail.id }} />
        </Card>
      </div>
    </>
  );
}
