import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";

type Reason = { id: number; label: string; nextStep: string; note: string | null };

/** Why the client's service is suspended, in plain words, and what the client can do about each reason. */
export function SuspensionNotice({ reasons, status }: { reasons: Reason[]; status: string }) {
  const t = useTranslations("suspension");
  if (reasons.length === 0 || status === "closed") return null;
  const lead = status === "suspended" ? t("suspended") : status === "processing" ? t("willBe") : t("being");
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
      {reasons.length > 1 && <p className="mt-1">{t("every")}</p>}
    </Notice>
  );
}
