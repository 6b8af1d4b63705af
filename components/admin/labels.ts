import type { OrderParams } from "@/lib/vocabulary";
import { displayDomain } from "@/lib/domain-display";
import { taskStatusLabel } from "@/components/board/labels";
import { statusLabels as serviceStatusLabels } from "@/components/store/labels";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

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

/** Status codes the catalog words under adminLabels.status (every other code keeps statusWord's English). */
const wordedStatuses = [
  "ordered", "processing", "active", "suspended", "closed", "failing", "queued", "running", "waiting", "done", "manual", "cancelled",
  "new", "in_progress", "pending", "error", "unknown", "healthy", "enabled", "disabled", "published", "hidden", "unpaid", "paid",
  "sending", "sent", "failed", "open", "expired",
] as const;
type WordedStatus = (typeof wordedStatuses)[number];
const isWorded = (status: string): status is WordedStatus => (wordedStatuses as readonly string[]).includes(status);

/** A status code as a badge's word in the reader's language. */
export function statusWordIn(locale: Locale, status: string): string {
  return isWorded(status) ? translatorFor(locale)(`adminLabels.status.${status}`) : statusWord(status);
}

const has = <T extends string>(record: Record<string, string>, key: string): key is T => key in record;

/** The values the admin's tables and forms show, in the staff member's language (the records above are the English ones). */
export function adminLabelsIn(locale: Locale) {
  const t = translatorFor(locale);
  return {
    productType: (type: string) => (has<"domain">(productTypeLabels, type) ? t(`adminLabels.productType.${type}`) : type),
    operationKind: (kind: string) => (has<"open">(operationKindLabels, kind) ? t(`adminLabels.operationKind.${kind}`) : kind),
    operationState: (state: string) => (has<"queued">(operationStateLabels, state) ? t(`adminLabels.operationState.${state}`) : state),
    doneBy: (by: string) => (has<"module">(doneByLabels, by) ? t(`adminLabels.doneBy.${by}`) : by),
    taskReason: (reason: string) => (has<"escalated">(taskReasonLabels, reason) ? t(`adminLabels.taskReason.${reason}`) : reason),
    suspensionReason: (reason: string) => t(`adminLabels.suspensionReason.${reason as "abuse"}`),
    status: (status: string) => statusWordIn(locale, status),
    noHandler: (sellWithoutHandler: boolean) => t(sellWithoutHandler ? "adminLabels.noHandler.sold" : "adminLabels.noHandler.notSold"),
    service: (id: number) => t("adminLabels.service", { id }),
  };
}

export type AdminLabels = ReturnType<typeof adminLabelsIn>;

type Nameable = { id: number; params?: OrderParams | null; remoteName?: string | null; tariffName?: string | null };

/**
 * A service as staff lists name it: its domain (in Unicode) or hostname, else its tariff's name; `panel`
 * is the name on the panel (or an IDN's punycode) as secondary text, when it says something the name does not.
 */
export function serviceLabel(s: Nameable, locale: Locale = "en"): { name: string; panel: string | null } {
  const raw = s.params?.domain || s.params?.hostname || s.tariffName || s.remoteName || translatorFor(locale)("adminLabels.service", { id: s.id });
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
