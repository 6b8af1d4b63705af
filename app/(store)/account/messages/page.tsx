import { listMyEmails } from "@/lib/services/emails/list-mine";
import { Card, PageHeading } from "@/components/ui/card";
import { formatDateTime } from "@/components/store/labels";
import { clientCtx } from "@/lib/services/request-context";

export const dynamic = "force-dynamic";
export const metadata = { title: "Messages · Provisio" };

export default async function MessagesPage() {
  const ctx = await clientCtx("/account/messages");
  const emails = await listMyEmails({ ctx, input: { limit: 50 } });
  return (
    <>
      <PageHeading title="Messages" description="Emails we have sent you, newest first." />
      {emails.length === 0 ? (
        <Card><p className="text-sm text-slate-600">No messages yet.</p></Card>
      ) : (
        <ul className="flex flex-col gap-3">
          {emails.map((m) => (
            <li key={m.id}>
              <details className="rounded-lg border border-slate-200 bg-white p-4">
                <summary className="cursor-pointer">
                  <span className="font-medium">{m.subject}</span>{" "}
                  <span className="text-xs text-slate-500">{formatDateTime(m.sentAt ?? m.createdAt)}</span>
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
