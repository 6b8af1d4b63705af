import { Card, Notice } from "@/components/ui/card";
import { displayDomain } from "@/lib/domain-display";
import type { DomainSettings as Settings } from "@/lib/services/domains/settings";
import { DomainSettings, type DomainActionState } from "./domain-settings";
import type { RevealResult } from "./secrets-panel";

/** Service details the card says in words (registry statuses, lock, waiting name servers, transfer), kept out of the raw list. */
export const domainCardKeys = new Set(["statuses", "registry_status", "locked", "nameservers_waiting", "transfer", "registrant"]);

/** Plain words for a change still being made, or one that waits for our staff. */
const changeWords: Record<string, string> = {
  nameservers: "the name servers",
  lock: "the transfer lock",
  authcode: "a new auth code",
  contact: "the owner details",
};

function busyText(change: Settings["change"]): string | null {
  if (!change) return null;
  const what = changeWords[change.action] ?? "the domain";
  if (change.status === "manual") return `Our staff are finishing the change of ${what}. Other changes can be made once it is done.`;
  return `Changing ${what} at the registry… Other changes can be made once it is done.`;
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
  const domain = displayDomain(stored);
  return (
    <>
      {settings.registryStatus && <Notice tone="warning">At the registry, {domain} is {settings.registryStatus}.</Notice>}
      {settings.transfer && (
        <Notice>
          The transfer of {domain} is waiting for its current registrar.{" "}
          {settings.transfer.until ? `The registry completes it by ${formatDate(settings.transfer.until)} unless the current registrar refuses it.` : "The registry gives the current registrar a few days to answer."}{" "}
          If it is refused, the payment goes back to your balance.
        </Notice>
      )}
      {live && (
        <Card title="Domain settings" className="md:col-span-2">
          <DomainSettings
            serviceId={serviceId}
            domain={domain}
            change={change}
            reveal={reveal}
            view={{ offered: settings.offered, nameservers: settings.nameservers, waitingNameservers: settings.waitingNameservers, locked: settings.locked, busy: busyText(settings.change) }}
          />
        </Card>
      )}
    </>
  );
}
