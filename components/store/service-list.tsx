import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { displayDomain } from "@/lib/domain-display";
import type { ServiceSummary } from "@/lib/services/services/list";
import { labelsIn } from "./labels";
import { StatusBadge } from "./status-badge";

export function serviceName(s: Pick<ServiceSummary, "id" | "tariffName" | "params">): string {
  const name = displayDomain(s.params.domain) || s.params.hostname;
  return name ? `${s.tariffName}: ${name}` : `${s.tariffName} #${s.id}`;
}

/** Services as a list that reads well on a phone: name, status (or what is in progress), expiry. */
export function ServiceList({ services }: { services: ServiceSummary[] }) {
  const t = useTranslations("account.services");
  const labels = labelsIn(useLocale());
  return (
    <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
      {services.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3" data-testid={`service-${s.id}`}>
          <div className="min-w-0">
            <Link href={`/account/services/${s.id}`} className="font-medium wrap-anywhere text-indigo-700 hover:underline">
              {serviceName(s)}
            </Link>
            <p className="text-xs text-slate-500">
              {t("paidUntil", { type: labels.productType(s.productType), date: labels.date(s.expiresAt) })}
              {s.autoRenew && s.status !== "closed" ? t("renews") : ""}
            </p>
          </div>
          <StatusBadge status={s.status} pending={s.pending} />
        </li>
      ))}
    </ul>
  );
}
