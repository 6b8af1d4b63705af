import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { demoGatewayEnabled } from "@/lib/billing/card-gateway";
import type { PaymentSession } from "@/lib/services/payments/list-sessions";
import { formatMoney, Money } from "@/components/ui/money";
import { labelsIn } from "./labels";

const tone = { open: "text-sky-800", paid: "text-emerald-700", failed: "text-red-700", expired: "text-slate-500" } as const;

/** Card payments the client started, with what became of each: paid, waiting, failed (and why), refunded. */
export function CardPayments({ sessions }: { sessions: PaymentSession[] }) {
  // A demo session left from before is not named where the demo gateway does not exist.
  const demo = demoGatewayEnabled();
  const t = useTranslations("pay");
  const locale = useLocale();
  return (
    <>
      <h2 className="mb-2 text-base font-semibold text-slate-900">{t("cards")}</h2>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label={t("cards")}>
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
            <div className="min-w-0">
              <Link href={`/account/payments/return?session_id=${s.externalId}`} className="font-medium text-indigo-700 hover:underline">
                {s.invoiceId ? t("invoiceNo", { id: s.invoiceId }) : t("adding")}
              </Link>
              <span className="text-slate-500">{s.gateway === "demo" ? (demo ? t("demoGateway") : "") : t("card")}</span>
              <p className="text-xs text-slate-500">{labelsIn(locale).dateTime(s.createdAt)}{s.failureReason ? ` · ${s.failureReason}` : ""}</p>
            </div>
            <div className="text-right">
              <Money amount={s.amount} currency={s.currency} />
              <p className={tone[s.status]}>
                {t(`status.${s.status}`)}
                {s.refunded > 0 && t("refunded", { amount: formatMoney(s.refunded, s.currency, locale) })}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
