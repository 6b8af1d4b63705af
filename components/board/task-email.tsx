import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import type { getTaskEmail } from "@/lib/services/tasks/email";
import { RevealEmail } from "@/components/ui/reveal-email";
import { revealTaskEmailAction } from "@/app/board/actions";

type Email = NonNullable<Awaited<ReturnType<typeof getTaskEmail>>>;

/** The email the client got when the task was closed, as it reads in the mailbox. */
export function TaskEmail({ email, taskId }: { email: Email; taskId: number }) {
  const t = useTranslations("board.email");
  return (
    <Card title={t("title")}>
      <p className="text-sm text-slate-600">
        {t("to", { to: email.to, status: email.status === "sent" ? t("sent", { at: email.sentAt?.toISOString() ?? "" }) : email.status })}
      </p>
      <p className="mt-2 text-sm font-medium text-slate-900">{email.subject}</p>
      <pre data-testid="client-email" className="mt-2 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs whitespace-pre-wrap text-slate-800">
        {email.text}
      </pre>
      <RevealEmail action={revealTaskEmailAction} values={{ taskId }} />
    </Card>
  );
}
