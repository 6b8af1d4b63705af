import { Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
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
  reason?: string;
};

/** The titles in English (the default language), by event. */
export const statusTitles = Object.fromEntries(serviceStatusEvents.map((e) => [e, serviceStatusTitle(e, emailT())])) as Record<ServiceStatusEvent, string>;

/** The title of a service status email, in the translator's language. */
export function serviceStatusTitle(status: ServiceStatusEvent, t: Translator): string {
  return t(`emails.serviceStatus.titles.${status}`);
}

export function ServiceStatus({ serviceId, tariffName, status, name, expiresAt, reason, locale }: WithLocale<ServiceStatusProps>) {
  const t = emailT(locale);
  const title = serviceStatusTitle(status, t);
  return (
    <Layout locale={locale} preview={`${title}: ${name ?? tariffName}`} title={title}>
      <Text style={paragraph}>{t(`emails.serviceStatus.messages.${status}`, { id: serviceId, tariff: tariffName, until: expiresAt || "none" })}</Text>
      <DetailTable
        rows={[
          { label: t("emails.labels.service"), value: name ?? "" },
          { label: t("emails.labels.paidUntil"), value: expiresAt ?? "" },
          { label: t("emails.labels.reason"), value: reason ?? "" },
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
  reason: "The service was not paid in time.",
} satisfies ServiceStatusProps;

export default ServiceStatus;
