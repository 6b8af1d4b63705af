import { useTranslations } from "next-intl";
import { Notice } from "@/components/ui/card";

type Reason = { id: number; reason?: string; label: string; nextStep: string; note: string | null };

const known = ["non_payment", "abuse", "client_request", "admin"] as const;
type Known = (typeof known)[number];
const isKnown = (r: string | undefined): r is Known => (known as readonly (string | undefined)[]).includes(r);

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
            {isKnown(r.reason) ? t(`reasons.${r.reason}.label`) : r.label}{r.note ? ` (${r.note})` : ""}. {isKnown(r.reason) ? t(`reasons.${r.reason}.nextStep`) : r.nextStep}
          </li>
        ))}
      </ul>
      {reasons.length > 1 && <p className="mt-1">{t("every")}</p>}
    </Notice>
  );
}
