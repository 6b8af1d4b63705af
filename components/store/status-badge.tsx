import { useLocale } from "next-intl";
import type { OperationKind, ServiceStatus } from "@/lib/vocabulary";
import type { Locale } from "@/lib/i18n/locales";
import { labelsIn, pendingLabels } from "./labels";

const tones: Record<ServiceStatus | "pending", string> = {
  pending: "bg-sky-50 text-sky-800 ring-sky-200",
  ordered: "bg-slate-50 text-slate-700 ring-slate-200",
  processing: "bg-sky-50 text-sky-800 ring-sky-200",
  active: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  suspended: "bg-amber-50 text-amber-900 ring-amber-200",
  closed: "bg-slate-100 text-slate-600 ring-slate-200",
};

/** The service's status, or what is in progress ("Being set up") when an operation runs. */
export function serviceStatusText(status: ServiceStatus, pending: OperationKind | null, locale: Locale = "en"): string {
  const labels = labelsIn(locale);
  return (pending && labels.pending(pending)) || labels.status(status);
}

export function StatusBadge({ status, pending }: { status: ServiceStatus; pending: OperationKind | null }) {
  const locale = useLocale();
  const inProgress = Boolean(pending && pendingLabels[pending]);
  return (
    <span
      data-testid="service-status"
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[inProgress ? "pending" : status]}`}
    >
      {serviceStatusText(status, pending, locale)}
    </span>
  );
}
