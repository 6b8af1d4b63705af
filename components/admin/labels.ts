import type { OrderParams } from "@/lib/vocabulary";
import { displayDomain } from "@/lib/domain-display";
import { taskStatusLabel } from "@/components/board/labels";
import { statusLabels as serviceStatusLabels } from "@/components/store/labels";

export const productTypeLabels: Record<string, string> = {
  domain: "Domain",
  hosting: "Shared web hosting",
  vps: "Virtual server",
  dedicated: "Dedicated server",
  other: "Other",
};

export const operationKindLabels: Record<string, string> = {
  open: "Set up",
  suspend: "Suspend",
  resume: "Resume",
  close: "Close",
  prolong: "Renew",
  change_tariff: "Change tariff",
  sync: "Sync",
  manage: "Domain change",
};

/** Operation states as people read them; "failing" is queued again after a failed attempt. */
export const operationStateLabels: Record<string, string> = {
  failing: "Failing",
  queued: "Queued",
  running: "Running",
  waiting: "Waiting for the panel",
  done: "Done",
  manual: "Manual",
  cancelled: "Cancelled",
};

/** Who finished an operation (operations.done_by). */
export const doneByLabels: Record<string, string> = {
  module: "the processing module",
  staff: "staff, by hand",
};

/** Service and task statuses as the store and the board word them; operation states as above. */
const statusWords: Record<string, string> = { ...operationStateLabels, ...serviceStatusLabels, ...taskStatusLabel };

/** A status code as a word for a badge: "processing" → "Being set up", "in_progress" → "In progress", "sent" → "Sent". */
export function statusWord(status: string): string {
  const word = statusWords[status] ?? status.replace(/_/g, " ");
  return word.charAt(0).toUpperCase() + word.slice(1);
}

type Nameable = { id: number; params?: OrderParams | null; remoteName?: string | null; tariffName?: string | null };

/**
 * A service as staff lists name it: its domain (in Unicode) or hostname, else its tariff's name; `panel`
 * is the name on the panel (or an IDN's punycode) as secondary text, when it says something the name does not.
 */
export function serviceLabel(s: Nameable): { name: string; panel: string | null } {
  const raw = s.params?.domain || s.params?.hostname || s.tariffName || s.remoteName || `Service #${s.id}`;
  const name = s.params?.domain ? displayDomain(s.params.domain) : raw;
  // An IDN reads in Unicode; its punycode (what the panel and registry know) is the secondary text.
  return { name, panel: s.remoteName && s.remoteName !== raw ? s.remoteName : name !== raw ? raw : null };
}

export const taskReasonLabels: Record<string, string> = {
  manual_handler: "manual setup (the processing module is Manual)",
  escalated: "escalated after errors",
  no_handler: "no processing module was available",
  switched: "switched to manual by staff",
};

/** What the store does with a tariff no enabled processing module serves. */
export const noHandlerText = (sellWithoutHandler: boolean) =>
  sellWithoutHandler ? "No enabled processing module: sold, set up by hand" : "No enabled processing module: the store does not sell it";
