import { Notice } from "@/components/ui/card";

type Reason = { id: number; label: string; nextStep: string; note: string | null };

/** Why the client's service is suspended, in plain words, and what the client can do about each reason. */
export function SuspensionNotice({ reasons, status }: { reasons: Reason[]; status: string }) {
  if (reasons.length === 0 || status === "closed") return null;
  const lead = status === "suspended" ? "This service is suspended." : status === "processing" ? "This service will be suspended once it is set up." : "This service is being suspended.";
  return (
    <Notice tone="warning">
      <p className="font-medium">{lead}</p>
      <ul className="mt-1 list-disc pl-5" data-testid="suspension-reasons">
        {reasons.map((r) => (
          <li key={r.id}>
            {r.label}{r.note ? ` (${r.note})` : ""}. {r.nextStep}
          </li>
        ))}
      </ul>
      {reasons.length > 1 && <p className="mt-1">It resumes once every reason above is resolved.</p>}
    </Notice>
  );
}
