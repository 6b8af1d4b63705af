import { useTranslations } from "next-intl";
import { Card, Notice } from "@/components/ui/card";
import { displayDomain } from "@/lib/domain-display";
import type { Messages } from "@/lib/i18n/messages";
import type { DomainSettings as Settings } from "@/lib/services/domains/settings";
import { DomainSettings, type DomainActionState } from "./domain-settings";
import type { RevealResult } from "./secrets-panel";

/** Service details the card says in words (registry statuses, lock, waiting name servers, transfer), kept out of the raw list. */
export const domainCardKeys = new Set(["statuses", "registry_status", "locked", "nameservers_waiting", "transfer", "registrant"]);

type Words = ReturnType<typeof useTranslations<"domainSettings">>;
type StatusCode = keyof Messages["domainSettings"]["statusMeaning"];

/** Plain words for a change still being made, or one that waits for our staff. */
function busyText(t: Words, change: Settings["change"]): string | null {
  if (!change) return null;
  return t(change.status === "manual" ? "busyManual" : "busyRunning", { what: change.action });
}

type Props = {
  serviceId: number;
  domain: string;
  settings: Settings;
  /** Whether the domain is registered (active or suspended): changes are offered then only. */
  live: boolean;
  change: (prev: DomainActionState, form: FormData) => Promise<DomainActionState>;
  reveal: () => Promise<RevealResult>;
  formatDate: (date: Date | string | null | undefined) => string;
};

/** The domain's registry state in plain words, a transfer in waiting, and its settings; an IDN in Unicode, as people write it. */
export function DomainCard({ serviceId, domain: stored, settings, live, change, reveal, formatDate }: Props) {
  const t = useTranslations("domainSettings");
  const domain = displayDomain(stored);
  return (
    <>
      {(settings.registryStatuses.length > 0 || settings.registryStatus) && (
        <Notice tone="warning">
          {t("registryStatus", { domain, status: settings.registryStatuses.length > 0 ? settings.registryStatuses.map((code) => t(`statusMeaning.${code as StatusCode}`)).join("; ") : settings.registryStatus })}
        </Notice>
      )}
      {settings.transfer && (
        <Notice>
          {t("transferWaiting", { domain })}{" "}
          {settings.transfer.until ? t("transferUntil", { date: formatDate(settings.transfer.until) }) : t("transferSoon")}{" "}
          {t("transferRefund")}
        </Notice>
      )}
      {live && (
        <Card title={t("title")} className="md:col-span-2">
          <DomainSettings
            serviceId={serviceId}
            domain={domain}
            change={change}
            reveal={reveal}
            view={{ offered: settings.offered, nameservers: settings.nameservers, waitingNameservers: settings.waitingNameservers, locked: settings.locked, busy: busyText(t, settings.change) }}
          />
        </Card>
      )}
    </>
  );
}
