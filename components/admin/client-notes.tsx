import { useTranslations } from "next-intl";
import { addClientNoteAction } from "@/app/admin/clients/note-actions";
import { Card } from "@/components/ui/card";
import { SpecForm } from "./spec-form";
import { When } from "./table";

type Note = { id: number; body: string; createdAt: Date; author: string | null };

/** Staff's private notes on a client: who wrote what, newest first, and a form to add one. */
export function ClientNotes({ clientId, notes }: { clientId: number; notes: Note[] }) {
  const t = useTranslations("adminClient.notes");
  return (
    <Card title={t("title")}>
      <SpecForm action={addClientNoteAction} submitLabel={t("add")} resetOnSuccess hidden={{ clientId }} fields={[{ name: "body", label: t("note"), type: "textarea", hint: t("hint") }]} />
      {notes.length === 0 && <p className="mt-3 text-sm text-slate-500">{t("none")}</p>}
      <ul className="mt-3 flex flex-col gap-3" data-testid="client-notes">
        {notes.map((n) => (
          <li key={n.id} className="border-l-2 border-slate-200 pl-3 text-sm">
            <p className="whitespace-pre-wrap break-words">{n.body}</p>
            <p className="mt-1 text-xs text-slate-500">
              {n.author ?? t("gone")} · <When at={n.createdAt} />
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
