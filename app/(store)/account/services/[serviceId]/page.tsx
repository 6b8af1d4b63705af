import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { isDbId } from "@/lib/ids";
import { displayDomain } from "@/lib/domain-display";
import { AppError } from "@/lib/errors";
import { getService } from "@/lib/services/services/get";
import { listSuspensions } from "@/lib/services/services/list-suspensions";
import { closeQuote } from "@/lib/services/services/close-quote";
import { quoteChange } from "@/lib/services/services/quote-change";
import { planChangeWords } from "@/lib/billing/plan-words";
import { closeTermsIn } from "@/components/store/closing-words";
import { PlanChange } from "@/components/store/plan-change";
import { AddonChange } from "@/components/store/addon-change";
import { addonFields } from "@/components/store/addon-fields";
import { Card, Notice, PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/components/ui/money";
import { invoiceName } from "@/lib/billing/invoice-format";
import { AutoRefresh } from "@/components/store/auto-refresh";
import { detailLabel, labelsIn } from "@/components/store/labels";
import { SecretsPanel } from "@/components/store/secrets-panel";
import { ServiceActions } from "@/components/store/service-actions";
import { serviceName } from "@/components/store/service-list";
import { StatusBadge } from "@/components/store/status-badge";
import { SuspensionNotice } from "@/components/store/suspension-notice";
import { clientCtx } from "@/lib/services/request-context";
import { DomainCard, domainCardKeys } from "@/components/store/domain-card";
import { domainSettings } from "@/lib/services/domains/settings";
import { domainChangeAction } from "./domain-actions";
import { addonsAction, autoRenewAction, changePlanAction, closeAction, revealSecretsAction, withdrawCloseAction } from "./actions";

export const dynamic = "force-dynamic";
export async function generateMetadata() {
  return { title: (await getTranslations("service"))("metaTitle") };
}

type Props = { params: Promise<{ serviceId: string }> };

export default async function ServicePage({ params }: Props) {
  const serviceId = Number((await params).serviceId);
  if (!isDbId(serviceId)) notFound();
  const ctx = await clientCtx(`/account/services/${serviceId}`);
  const service = await getService({ ctx, input: { serviceId } }).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "validation")) notFound();
    throw error;
  });
  const suspensions = await listSuspensions({ ctx, input: { serviceId } });
  const [t, locale] = await Promise.all([getTranslations("service"), getLocale()]);
  const { date: formatDate, dateTime: formatDateTime, period: periodLabel } = labelsIn(locale);
  const money = (amount: number, currency: string) => formatMoney(amount, currency, locale);
  const live = service.status === "active" || service.status === "suspended";
  const closing = service.close !== null;
  const terms = live && !closing ? await closeQuote({ ctx, input: { serviceId } }) : null;
  const closesLater = service.close && new Date(service.close.at) > new Date() ? new Date(service.close.at) : null;
  const setupWaits = service.status === "processing" && service.operations.some((o) => o.kind === "open" && o.status === "manual");
  // A domain's registry states and lock are said in words on its settings card, not as raw values here.
  const details = Object.entries({ ...(service.params.domain ? { domain: displayDomain(service.params.domain) } : {}), ...service.details }).filter(([key]) => !domainCardKeys.has(key));
  const renewal = live && !closing && service.renewals.length > 0
    ? {
        label: service.renewalInvoice ? t("payRenewal") : t("renew"),
        href: `/account/services/${service.id}/renew`,
        note: service.renewalInvoice
          ? t("renewalDue", { name: invoiceName(service.renewalInvoice), amount: money(service.renewalInvoice.amount, service.renewalInvoice.currency), date: formatDate(service.renewalInvoice.dueAt), suspended: service.status === "suspended" ? "yes" : "no" })
          : service.renewal
            ? t("renewFor", { period: periodLabel(service.renewal.months), amount: money(service.renewal.price, service.renewal.currency) })
            : t("renewAny"),
      }
    : null;
  // The card stays while a change runs, so its answer stays in view.
  const plans = service.status === "active" && !closing ? (service.pending ? [] : (await quoteChange({ ctx, input: { serviceId } })).choices) : null;
  const addons = service.status === "active" && !closing ? await addonFields(ctx.db, service) : [];
  const domainView = service.productType === "domain" ? await domainSettings({ ctx, input: { serviceId } }) : null;
  const period = service.status === "closed" ? t("closedOn", { date: formatDate(service.updatedAt) }) : t("periodLine", { period: periodLabel(service.months), date: formatDate(service.expiresAt) });
  return (
    <>
      <Link href="/account/services" className="text-sm text-indigo-700 hover:underline">{t("all")}</Link>
      <div className="flex flex-wrap items-center gap-3">
        <PageHeading title={serviceName(service)} description={t("heading", { id: service.id, period })} />
        <StatusBadge status={service.status} pending={service.pending} />
      </div>
      {service.status === "closed" && <Notice>{t("closed")}</Notice>}
      <SuspensionNotice reasons={suspensions} status={service.status} />
      {setupWaits && <Notice tone="warning">{t("setupWaits")}</Notice>}
      {domainView && (
        <DomainCard serviceId={service.id} domain={displayDomain(service.params.domain ?? service.remoteName)} settings={domainView} live={live && !closing} change={domainChangeAction} reveal={revealSecretsAction.bind(null, service.id)} formatDate={formatDate} />
      )}
      {closing && (
        <Notice tone="warning">
          {closesLater ? t("closesLater", { date: formatDate(closesLater) }) : service.close!.withdrawable ? t("withdrawable") : t("beingClosed")}
        </Notice>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        <Card title={t("details")}>
          {live && details.length > 0 ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm" data-testid="details">
              {details.map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="text-slate-600">{detailLabel(key)}</dt>
                  <dd className="break-all">{/^https?:\/\//.test(value) ? <a href={value} className="text-indigo-700 hover:underline">{value}</a> : value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-sm text-slate-600">{live ? t("noDetails") : service.status === "closed" ? t("detailsGone") : t("detailsLater")}</p>
          )}
          <ul className="mt-3 text-sm text-slate-700">
            {service.resources.map((r) => <li key={r.key}>{r.label}: {r.amount}{r.unit ? ` ${r.unit}` : ""}</li>)}
          </ul>
        </Card>
        {live && service.hasSecrets && (
          <Card title={t("passwords")}>
            <SecretsPanel reveal={revealSecretsAction.bind(null, service.id)} />
          </Card>
        )}
        {live && (
          <Card title={t("actions")}>
            <ServiceActions
              serviceId={service.id}
              autoRenew={service.autoRenew}
              renewal={renewal}
              closing={closing ? { withdrawable: service.close!.withdrawable } : null}
              actions={{ autoRenew: autoRenewAction, close: closeAction, withdrawClose: withdrawCloseAction }}
              closeTerms={terms ? closeTermsIn(locale, terms) : undefined}
            />
          </Card>
        )}
        {plans && (
          <Card title={t("changePlan")}>
            <PlanChange serviceId={service.id} action={changePlanAction} busy={service.pending !== null} choices={plans.map((q) => ({ tariffId: q.tariffId, ...planChangeWords(q, service.tariffName, formatDate(service.expiresAt), "your", locale) }))} />
          </Card>
        )}
        {addons.length > 0 && (
          <Card title={t("addons")}>
            <AddonChange serviceId={service.id} action={addonsAction} busy={service.pending !== null} addons={addons} />
          </Card>
        )}
      </div>
      <Card title={t("history")} className="mt-4">
        <ol className="space-y-2 text-sm" data-testid="history">
          {service.history.map((h) => (
            <li key={h.id}><span className="text-slate-500">{formatDateTime(h.createdAt)}</span> — {h.message}</li>
          ))}
        </ol>
      </Card>
      <AutoRefresh active={service.operations.some((o) => o.status === "queued" || o.status === "running" || o.status === "waiting")} />
    </>
  );
}
