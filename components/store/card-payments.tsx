import Link from "next/link";
import { demoGatewayEnabled } from "@/lib/billing/card-gateway";
import type { PaymentSession } from "@/lib/services/payments/list-sessions";
import { Money } from "@/components/ui/money";
import { formatDateTime } from "./labels";

const statusText = { open: "Waiting for the bank", paid: "Paid", failed: "Failed", expired: "Expired, nothing charged" } as const;
const tone = { open: "text-sky-800", paid: "text-emerald-700", failed: "text-red-700", expired: "text-slate-500" } as const;

/** Card payments the client started, with what became of each: paid, waiting, failed (and why), refunded. */
export function CardPayments({ sessions }: { sessions: PaymentSession[] }) {
  // A demo session left from before is not named where the demo gateway does not exist.
  const demo = demoGatewayEnabled();
  return (
    <>
      <h2 className="mb-2 text-base font-semibold text-slate-900">Card payments</h2>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Card payments">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
            <div>
              <Link href={`/account/payments/return?session_id=${s.externalId}`} className="font-medium text-indigo-700 hover:underline">
                {s.invoiceId ? `Invoice #${s.invoiceId}` : "Adding funds"}
              </Link>
              <span className="text-slate-500">{s.gateway === "demo" ? (demo ? " · demo gateway" : "") : " · card"}</span>
              <p className="text-xs text-slate-500">{formatDateTime(s.createdAt)}{s.failureReason ? ` · ${s.failureReason}` : ""}</p>
            </div>
            <div className="text-right">
              <Money amount={s.amount} currency={s.currency} />
              <p className={tone[s.status]}>
                {statusText[s.status]}
                {s.refunded > 0 && <> · refunded <Money amount={s.refunded} currency={s.currency} /></>}
              </p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
