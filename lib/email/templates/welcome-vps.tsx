import { Text } from "@react-email/components";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";

export type WelcomeVpsProps = {
  serviceId: number;
  tariffName: string;
  ip: string;
  rootPassword: string;
  hostname?: string;
  os?: string;
};

export function WelcomeVps({ serviceId, tariffName, ip, rootPassword, hostname, os, locale }: WithLocale<WelcomeVpsProps>) {
  const t = emailT(locale);
  return (
    <Layout locale={locale} preview={t("emails.welcomeVps.preview", { name: hostname ?? ip })} title={t("emails.welcomeVps.title")}>
      <Text style={paragraph}>{t("emails.welcomeVps.intro", { id: serviceId, tariff: tariffName })}</Text>
      <DetailTable
        rows={[
          { label: t("emails.labels.ipAddress"), value: ip },
          { label: t("emails.labels.hostName"), value: hostname ?? "" },
          { label: t("emails.labels.os"), value: os ?? "" },
          { label: t("emails.labels.user"), value: "root" },
          { label: t("emails.labels.rootPassword"), value: rootPassword },
        ]}
      />
      <Text style={paragraph}>{t("emails.welcomeVps.advice")}</Text>
    </Layout>
  );
}

WelcomeVps.PreviewProps = {
  serviceId: 43,
  tariffName: "VPS 2 GB",
  ip: "203.0.113.10",
  rootPassword: "r00t-Pa55",
  hostname: "vps43.example.com",
  os: "Debian 12",
} satisfies WelcomeVpsProps;

export default WelcomeVps;
