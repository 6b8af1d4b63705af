import { osChoices, type OperationKind, type ProductType, type ServiceStatus } from "@/lib/vocabulary";
import { formatDateIn, formatDateTimeIn } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/locales";
import { translatorFor } from "@/lib/i18n/translator";

export const productTypeLabels: Record<ProductType, string> = {
  domain: "Domains",
  hosting: "Web hosting",
  vps: "Virtual servers",
  dedicated: "Dedicated servers",
  other: "Other services",
};

/** A period in whole years when it is some ("1 year", "2 года"), else in months ("3 months", "5 месяцев"). */
export function periodLabelIn(locale: Locale, months: number): string {
  const t = translatorFor(locale);
  return months % 12 === 0 ? t("common.years", { count: months / 12 }) : t("common.months", { count: months });
}

export function periodLabel(months: number): string {
  return periodLabelIn("en", months);
}

/** The client-facing labels in the reader's language (the records below are the English ones). */
export function labelsIn(locale: Locale) {
  const t = translatorFor(locale);
  return {
    productType: (type: ProductType) => t(`labels.productType.${type}`),
    status: (status: ServiceStatus) => t(`labels.status.${status}`),
    pending: (kind: OperationKind) => (kind in pendingLabels ? t(`labels.pending.${kind as keyof typeof pendingLabels & string}` as "labels.pending.open") : undefined),
    operation: (kind: OperationKind) => t(`labels.operation.${kind as "open"}`),
    operationStatus: (status: string) => (status in operationStatusLabels ? t(`labels.operationStatus.${status}` as "labels.operationStatus.done") : status),
    entryKind: (kind: string) => (kind in entryKindLabels ? t(`labels.entryKind.${kind}` as "labels.entryKind.credit") : kind),
    date: (date: Date | string | null | undefined) => formatDateIn(locale, date),
    dateTime: (date: Date | string | null | undefined) => formatDateTimeIn(locale, date),
    period: (months: number) => periodLabelIn(locale, months),
  };
}

/** What a service is doing right now, in the client's words. */
export const pendingLabels: Partial<Record<OperationKind, string>> = {
  open: "Being set up",
  suspend: "Being suspended",
  resume: "Being resumed",
  close: "Being closed",
  prolong: "Being renewed",
  change_tariff: "Changing tariff",
  manage: "Domain being changed",
};

export const statusLabels: Record<ServiceStatus, string> = {
  ordered: "Ordered",
  processing: "Being set up",
  active: "Active",
  suspended: "Suspended",
  closed: "Closed",
};

export const operationLabels: Record<OperationKind, string> = {
  open: "Set up",
  suspend: "Suspend",
  resume: "Resume",
  close: "Close",
  prolong: "Renew",
  change_tariff: "Change tariff",
  sync: "Check with the panel",
  manage: "Domain change",
};

export const operationStatusLabels: Record<string, string> = {
  queued: "waiting to start",
  running: "in progress",
  waiting: "in progress",
  done: "done",
  manual: "handed to our staff",
  cancelled: "cancelled",
};

export const entryKindLabels: Record<string, string> = {
  credit: "Credit",
  payment: "Payment",
  charge: "Charge",
  refund: "Refund",
  adjustment: "Adjustment",
};

/** OS templates offered for virtual servers; empty means the provider's default. Orders are checked against the same list. */
export const osTemplates: readonly string[] = osChoices;

export function formatDate(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return new Date(date).toISOString().slice(0, 10);
}

export function formatDateTime(date: Date | string | null | undefined): string {
  if (!date) return "—";
  return new Date(date).toISOString().slice(0, 16).replace("T", " ") + " UTC";
}

/** "panelUrl" / "root_password" → "Panel URL" / "Root password". */
export function detailLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  const label = words.charAt(0).toUpperCase() + words.slice(1);
  return label.replace(/\b(ip|ipv4|ipv6|url|os|ssh|dns)\b/gi, (w) => w.toUpperCase());
}

/** An add-on as the client bought it: "+10 GiB disk", "+2 databases". */
export function addonText(units: number, resource: { label: string; unit: string } | undefined, key: string): string {
  const label = (resource?.label ?? key).toLowerCase();
  return resource?.unit ? `+${units} ${resource.unit} ${label}` : `+${units} ${label}`;
}
