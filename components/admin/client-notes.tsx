import { addClientNoteAction } from "@/app/admin/clients/note-actions";
import { Card } from "@/components/ui/card";
import { SpecForm } from "./spec-form";
import { When } from "./table";

type Note = { id: number; body: string; createdAt: Date; author: string | null };

/** Staff's private notes on a client: who wrote what, newest first, and a form to add one. */
export function ClientNotes({ clientId, notes }: { clientId: number; notes: Note[] }) {
  return (
    <Card title="Notes (staff only)">
      <SpecForm action={addClientNoteAction} submitLabel="Add note" resetOnSuccess hidden={{ clientId }} fields={[{ name: "body", label: "Note", type: "textarea", hint: "Seen by staff only, never by the client." }]} />
      {notes.length === 0 && <p className="mt-3 text-sm text-slate-500">No notes yet.</p>}
      <ul className="mt-3 flex flex-col gap-3" data-testid="client-notes">
        {notes.map((n) => (
          <li key={n.id} className="border-l-2 border-slate-200 pl-3 text-sm">
            <p className="whitespace-pre-wrap break-words">{n.body}</p>
            <p className="mt-1 text-xs text-slate-500">
              {n.author ?? "Someone no longer here"} · <When at={n.createdAt} />
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
