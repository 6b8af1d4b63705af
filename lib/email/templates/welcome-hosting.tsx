import { Text } from "@react-email/components";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";
import { displayDomain } from "../../domain-display";

export type WelcomeHostingProps = {
  serviceId: number;
  tariffName: string;
  panelUrl: string;
  login: string;
  password: string;
  domain?: string;
};

export function WelcomeHosting({ serviceId, tariffName, panelUrl, login, password, domain, locale }: WithLocale<WelcomeHostingProps>) {
  const t = emailT(locale);
  return (
    <Layout locale={locale} preview={t("emails.welcomeHosting.preview", { tariff: tariffName })} title={t("emails.welcomeHosting.title")}>
      <Text style={paragraph}>{t("emails.welcomeHosting.intro", { id: serviceId, tariff: tariffName })}</Text>
      <DetailTable
        rows={[
          { label: t("emails.labels.controlPanel"), value: panelUrl },
          { label: t("emails.labels.login"), value: login },
          { label: t("emails.labels.password"), value: password },
          { label: t("emails.labels.domain"), value: displayDomain(domain) },
        ]}
      />
      <Text style={paragraph}>{t("emails.welcomeHosting.advice")}</Text>
    </Layout>
  );
}

WelcomeHosting.PreviewProps = {
  serviceId: 42,
  tariffName: "Hosting Start",
  panelUrl: "https://panel.example.com:1500/ispmgr",
  login: "u42",
  password: "s3cret-Pa55",
  domain: "example.com",
} satisfies WelcomeHostingProps;

export default WelcomeHosting;
