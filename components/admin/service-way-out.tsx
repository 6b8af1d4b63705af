import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import type { FormState } from "@/app/admin/form-state";
import { formatMoney } from "@/components/ui/money";
import { ActionButton } from "./action-button";
import { SpecForm } from "./spec-form";

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
type Props = {
  service: { id: number; status: string; operations: { id: number; kind: string; status: string }[] };
  refund: { currency: string; paid: number; refunded: number; left: number; unused: number; card: boolean };
  actions: { cancelSetup: Action; retrySetup: Action; refund: Action; switchToManual: Action };
};

const setupStates = ["queued", "waiting", "running", "manual"] as const;
const isSetupState = (status: string): status is (typeof setupStates)[number] => (setupStates as readonly string[]).includes(status);

/** The admin's ways out of every state: a set-up is retried, handed to staff, finished by hand or cancelled and refunded; paid services can be refunded. */
export function ServiceWayOut({ service, refund, actions }: Props) {
  const t = useTranslations("adminService.wayOut");
  const locale = useLocale();
  const money = (n: number) => formatMoney(n, refund.currency, locale);
  const to = [{ value: "balance", label: t("toBalance") }, ...(refund.card ? [{ value: "card", label: t("toCard") }] : [])];
  if (service.status === "processing" || service.status === "ordered") {
    const open = service.operations.find((o) => o.kind === "open" && ["queued", "running", "waiting", "manual"].includes(o.status));
    return (
      <div className="flex flex-col gap-3" data-testid="way-out">
        <p className="text-sm text-slate-700">{open && isSetupState(open.status) ? t(`setup.${open.status}`) : t("noSetup")}</p>
        <div className="flex flex-wrap gap-3">
          {open?.status !== "running" && <ActionButton action={actions.retrySetup} values={{ serviceId: service.id }} label={t("retry")} variant="primary" />}
          {open && open.status !== "manual" && (
            <ActionButton action={actions.switchToManual} values={{ operationId: open.id }} label={t("byHand")} confirm={t("byHandConfirm")} />
          )}
          {open?.status === "manual" && <Link href={`/admin/operations/${open.id}`} className="inline-flex items-center text-sm font-medium text-indigo-700 hover:underline">{t("itsTask")}</Link>}
        </div>
        <SpecForm
          action={actions.cancelSetup}
          submitLabel={t("cancel", { amount: money(refund.left) })}
          hidden={{ serviceId: service.id }}
          fields={[
            { name: "to", label: t("refundTo"), type: "select", options: to, defaultValue: "balance" },
            { name: "reason", label: t("reasonAudit"), defaultValue: t("cancelledByAdmin") },
          ]}
        />
      </div>
    );
  }
  if (refund.left <= 0) return <p className="text-sm text-slate-600">{t("nothingLeft", { paid: money(refund.paid), refunded: money(refund.refunded) })}</p>;
  return (
    <div data-testid="way-out">
      <p className="mb-2 text-sm text-slate-700">{t("paid", { paid: money(refund.paid), refunded: money(refund.refunded), unused: money(refund.unused) })}</p>
      <SpecForm
        action={actions.refund}
        submitLabel={t("refund")}
        resetOnSuccess
        hidden={{ serviceId: service.id }}
        fields={[
          { name: "mode", label: t("howMuch"), type: "select", defaultValue: "pro_rata", options: [{ value: "pro_rata", label: t("unused", { amount: money(refund.unused) }) }, { value: "full", label: t("allLeft", { amount: money(refund.left) }) }] },
          { name: "to", label: t("refundTo"), type: "select", options: to, defaultValue: "balance" },
          { name: "reason", label: t("reasonHistory") },
        ]}
      />
    </div>
  );
}
