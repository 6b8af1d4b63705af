import { Text } from "@react-email/components";
import { localeOr, type Translator } from "../../i18n/translator";
import type { Locale } from "../../i18n/locales";
import { formatMoneyIn } from "../../i18n/format";
import { suspensionReasons, type SuspensionReason } from "../../vocabulary";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";

export const serviceStatusEvents = ["suspended", "resumed", "closed", "renewed", "expiring", "renewal-failed"] as const;
export type ServiceStatusEvent = (typeof serviceStatusEvents)[number];

export type ServiceStatusProps = {
  serviceId: number;
  tariffName: string;
  status: ServiceStatusEvent;
  /** Domain or host name that tells the client which service this is. */
  name?: string;
  /** YYYY-MM-DD. */
  expiresAt?: string;
  /** The reason in English words (rows written before `why`, and any other text). */
  reason?: string;
  /** Why, as data the email words in the recipient's language: a suspension's reason and note, a closing's refund. */
  why?: StatusWhy;
};

export type StatusWhy = {
  suspension?: SuspensionReason;
  note?: string | null;
  refund?: { amount: number; currency: string };
  closing?: "nothing" | "periodEnd";
};

/** The reason line in the recipient's language, from `why`; undefined when there is nothing to say from it. */
export function whyText(why: StatusWhy | undefined, t: Translator, locale: Locale): string | undefined {
  if (!why) return undefined;
  const parts: string[] = [];
  if (why.suspension && (suspensionReasons as readonly string[]).includes(why.suspension)) {
    parts.push(t("statusReason.suspended", { label: t(`suspension.reasons.${why.suspension}.label`), nextStep: t(`suspension.reasons.${why.suspension}.nextStep`) }));
  }
  if (why.refund && why.refund.amount > 0) parts.push(t("statusReason.closedRefund", { amount: formatMoneyIn(locale, why.refund.amount, why.refund.currency) }));
  else if (why.closing === "periodEnd") parts.push(t("statusReason.closedPeriodEnd"));
  else if (why.closing === "nothing") parts.push(t("statusReason.closedNothing"));
  if (why.note) parts.push(why.note);
  return parts.length ? parts.join(" ") : undefined;
}

/** The titles in English (the default language), by event. */
export const statusTitles = Object.fromEntries(serviceStatusEvents.map((e) => [e, serviceStatusTitle(e, emailT())])) as Record<ServiceStatusEvent, string>;

/** The title of a service status email, in the translator's language. */
export function serviceStatusTitle(status: ServiceStatusEvent, t: Translator): string {
  return t(`emails.serviceStatus.titles.${status}`);
}

export function ServiceStatus({ serviceId, tariffName, status, name, expiresAt, reason, why, locale }: WithLocale<ServiceStatusProps>) {
  const t = emailT(locale);
  const because = whyText(why, t, localeOr(locale)) ?? reason;
  const title = serviceStatusTitle(status, t);
  return (
    <Layout locale={locale} preview={`${title}: ${name ?? tariffName}`} title={title}>
      <Text style={paragraph}>{t(`emails.serviceStatus.messages.${status}`, { id: serviceId, tariff: tariffName, until: expiresAt || "none" })}</Text>
      <DetailTable
        rows={[
          { label: t("emails.labels.service"), value: name ?? "" },
          { label: t("emails.labels.paidUntil"), value: expiresAt ?? "" },
          { label: t("emails.labels.reason"), value: because ?? "" },
        ]}
      />
    </Layout>
  );
}

ServiceStatus.PreviewProps = {
  serviceId: 42,
  tariffName: "Hosting Start",
  status: "suspended",
  name: "example.com",
  expiresAt: "2026-06-01",
  reason: "Not paid. Pay the renewal (or top up the balance and renew): the service resumes by itself once it is paid.",
  why: { suspension: "non_payment" },
} satisfies ServiceStatusProps;

export default ServiceStatus;
