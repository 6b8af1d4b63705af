import type { ReactNode } from "react";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";
import { getClient } from "@/lib/services/clients/get";
import { getService } from "@/lib/services/services/get";
import { Card, PageHeading } from "@/components/ui/card";
import { ActionButton } from "@/components/admin/action-button";
import { AutoRefresh } from "@/components/admin/auto-refresh";
import { Badge } from "@/components/admin/badge";
import { Details } from "@/components/admin/details";
import { adminLabelsIn } from "@/components/admin/labels";
import { Table, Td, When } from "@/components/admin/table";
import { detailLabel } from "@/components/store/labels";
import { formatDateIn } from "@/lib/i18n/format";
import { adminPageCtx } from "@/lib/services/request-context";
import { ServiceWayOut } from "@/components/admin/service-way-out";
import { refundOptions } from "@/lib/services/services/refund-options";
import { switchToManualAction } from "../../operations/actions";
import { cancelSetupAction, refundServiceAction, retrySetupAction } from "../way-out-actions";
import { changeAddonsAction, changePlanAction, resumeServiceAction, serviceOperationAction, suspendServiceAction } from "../actions";
import { quoteChange } from "@/lib/services/services/quote-change";
import { planChangeWords } from "@/lib/billing/plan-words";
import { PlanChange } from "@/components/store/plan-change";
import { AddonChange } from "@/components/store/addon-change";
import { addonFields } from "@/components/store/addon-fields";
import { listSuspensions } from "@/lib/services/services/list-suspensions";
import { SuspendForm } from "@/components/admin/suspend-form";
import { invoiceName } from "@/lib/billing/invoice-format";
import { formatMoney } from "@/components/ui/money";
import { renewServiceAction } from "../renew-actions";
import { adminDomainChangeAction, adminRevealDomainAction } from "../domain-actions";
import { DomainCard } from "@/components/store/domain-card";
import { displayDomain } from "@/lib/domain-display";
import { domainSettings } from "@/lib/services/domains/settings";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const actions = [
  { kind: "resume", from: ["suspended"], confirm: true },
  { kind: "close", from: ["active", "suspended"], confirm: true },
  { kind: "sync", from: ["active", "suspended"], confirm: false },
] as { kind: "resume" | "close" | "sync"; from: string[]; confirm: boolean }[];

export default async function ServicePage({ params }: Props) {
  const { id } = await params;
  const ctx = await adminPageCtx(`/admin/services/${id}`);
  const service = await getService({ ctx, input: { serviceId: id } }).catch((e: unknown) => {
    if (e instanceof AppError && (e.code === "not_found" || e.code === "validation")) notFound();
    throw e;
  });
  const client = await getClient({ ctx, input: { clientId: service.clientId } });
  const refund = await refundOptions({ ctx, input: { serviceId: service.id } });
  const suspensions = await listSuspensions({ ctx, input: { serviceId: service.id } });
  const t = await getTranslations("adminService.page");
  const locale = await getLocale();
  const labels = adminLabelsIn(locale);
  const formatDate = (d: Date | string | null | undefined) => formatDateIn(locale, d);
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const row = (label: string, value: ReactNode): [string, ReactNode] => [label, value];
  const busy = service.status === "processing" || service.pending !== null;
  const plans = service.status === "active" ? (service.pending ? [] : (await quoteChange({ ctx, input: { serviceId: service.id } })).choices) : null;
  const addons = service.status === "active" ? await addonFields(ctx.db, service) : [];
  const domainView = service.productType === "domain" ? await domainSettings({ ctx, input: { serviceId: service.id } }) : null;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/services" className="text-indigo-700 hover:underline">← {t("back")}</Link>
      </p>
      <PageHeading title={t("title", { id: service.id, name: service.params.domain ? displayDomain(service.params.domain) : service.remoteName })} description={`${labels.productType(service.productType)} · ${service.tariffName}`} />
      {busy && <AutoRefresh seconds={3} />}
      <div className="mt-3 grid gap-4 lg:grid-cols-2">
        <Card title={t("service")}>
          <Details
            rows={[
            row(t("status"), <span data-testid="service-status"><Badge status={service.status} /></span>),
            row(t("inProgress"), service.pending ? labels.operationKind(service.pending) : "—"),
            row(t("client"), <Link href={`/admin/clients/${client.id}`} className="text-indigo-700 hover:underline">{client.name}</Link>),
            row(t("handler"), service.handler ? <Link href={`/admin/handlers/${service.handler.id}`} className="text-indigo-700 hover:underline">{service.handler.name}</Link> : t("notChosen")),
            row(t("panelName"), service.remoteName),
            row(t("period"), t("months", { count: service.months })),
            row(t("expires"), <When at={service.expiresAt} />),
            row(t("lastSynced"), <When at={service.lastSyncedAt} />),
            ...Object.entries(service.details).map(([k, v]) => row(detailLabel(k), v)),
            ...service.resources.map((r) => row(r.label, `${r.amount} ${r.unit}`)),
          ]}
          />
        </Card>
        <Card title={t("actions")}>
          <div className="flex flex-wrap gap-3">
            {actions.filter((a) => a.from.includes(service.status)).map((a) => (
              <ActionButton key={a.kind} action={serviceOperationAction} values={{ serviceId: service.id, kind: a.kind }} label={t(`action.${a.kind}`)} confirm={a.confirm ? t(`confirm.${a.kind as "resume" | "close"}`) : undefined} />
            ))}
          </div>
        </Card>
        {service.renewals.length > 0 && (
          <Card title={t("renewal")}>
            <p className="mb-3 text-sm text-slate-700" data-testid="renewal-state">
              {t(service.autoRenew ? "paidUntilAuto" : "paidUntilManual", { date: formatDate(service.expiresAt) })}{" "}
              {service.renewalInvoice
                ? t.rich("unpaidRenewal", {
                    invoice: () => <Link href={`/admin/invoices/${service.renewalInvoice!.id}`} className="text-indigo-700 hover:underline">{invoiceName(service.renewalInvoice!)}</Link>,
                    amount: money(service.renewalInvoice.amount, service.renewalInvoice.currency),
                    due: formatDate(service.renewalInvoice.dueAt),
                  })
                : null}
            </p>
            <div className="flex flex-wrap gap-3">
              {service.renewals.map((r) => (
                <ActionButton key={r.months} action={renewServiceAction} values={{ serviceId: service.id, months: r.months }}
                  label={t("renewFor", { months: r.months, amount: money(service.renewalInvoice?.months === r.months ? service.renewalInvoice.amount : r.price, r.currency) })}
                  confirm={t("renewConfirm", { months: r.months, date: formatDate(r.newExpiry) })} />
              ))}
            </div>
          </Card>
        )}
        {plans && (
          <Card title={t("changePlan")}>
            <PlanChange serviceId={service.id} action={changePlanAction} busy={service.pending !== null} choices={plans.map((q) => ({ tariffId: q.tariffId, ...planChangeWords(q, service.tariffName, formatDate(service.expiresAt), "the client's", locale) }))} />
          </Card>
        )}
        {addons.length > 0 && (
          <Card title={t("addons")}>
            <AddonChange serviceId={service.id} action={changeAddonsAction} busy={service.pending !== null} addons={addons} />
          </Card>
        )}
        <Card title={service.status === "processing" || service.status === "ordered" ? t("waysOut") : t("refund")}>
          <ServiceWayOut service={service} refund={refund} actions={{ cancelSetup: cancelSetupAction, retrySetup: retrySetupAction, refund: refundServiceAction, switchToManual: switchToManualAction }} />
        </Card>
      </div>
      {domainView && (
        <div className="mt-4">
          <DomainCard serviceId={service.id} domain={service.params.domain ?? service.remoteName} settings={domainView} live={service.status === "active" || service.status === "suspended"}
            change={adminDomainChangeAction} reveal={adminRevealDomainAction.bind(null, service.id)} formatDate={formatDate} />
        </div>
      )}
      {["processing", "active", "suspended"].includes(service.status) && (
        <Card title={t("suspension")} className="mt-4">
          {suspensions.length > 0 && (
            <ul className="mb-3 space-y-2 text-sm" data-testid="suspension-reasons">
              {suspensions.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-3">
                  <span>
                    {labels.suspensionReason(s.reason)}{s.scope === "client" ? ` ${t("wholeClient")}` : ""}: {t("by", { name: s.byName ?? "—" })}, <When at={s.createdAt} />{s.note ? `: “${s.note}”` : ""}
                  </span>
                  {s.scope === "service" && (
                    <ActionButton action={resumeServiceAction} values={{ serviceId: service.id, reason: s.reason }} label={t("liftReason")} confirm={t("liftReasonConfirm")} />
                  )}
                </li>
              ))}
            </ul>
          )}
          <SuspendForm action={suspendServiceAction} values={{ serviceId: service.id }} label={t("suspend")} confirm={t("suspendConfirm")} />
        </Card>
      )}
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("operations")}</h2>
      <Table head={["#", t("operation"), t("status"), t("created"), t("finished")]} caption={t("operationsCaption")}>
        {service.operations.map((op) => (
          <tr key={op.id}>
            <Td><Link href={`/admin/operations/${op.id}`} className="text-indigo-700 hover:underline">#{op.id}</Link></Td>
            <Td>{labels.operationKind(op.kind)}</Td>
            <Td><Badge status={op.status} /></Td>
            <Td><When at={op.createdAt} /></Td>
            <Td><When at={op.finishedAt} /></Td>
          </tr>
        ))}
      </Table>
      <h2 className="mt-6 mb-2 text-lg font-semibold">{t("history")}</h2>
      <Table head={[t("when"), t("from"), t("to"), t("what")]} caption={t("historyCaption")}>
        {service.history.map((h) => (
          <tr key={h.id}>
            <Td><When at={h.createdAt} /></Td>
            <Td>{h.fromStatus ? labels.status(h.fromStatus) : "—"}</Td>
            <Td><Badge status={h.toStatus} /></Td>
            <Td>{h.message}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
