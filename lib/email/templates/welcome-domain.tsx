import { Text } from "@react-email/components";
import { DetailTable, emailT, Layout, paragraph, type WithLocale } from "./layout";
import { displayDomain } from "../../domain-display";

export type WelcomeDomainProps = {
  serviceId: number;
  domain: string;
  /** YYYY-MM-DD, or empty when not known yet. */
  expiresAt: string;
  nameservers: string[];
};

export function WelcomeDomain({ serviceId, domain, expiresAt, nameservers, locale }: WithLocale<WelcomeDomainProps>) {
  const t = emailT(locale);
  const name = displayDomain(domain);
  const title = t("emails.welcomeDomain.title", { name });
  return (
    <Layout locale={locale} preview={title} title={title}>
      <Text style={paragraph}>{t("emails.welcomeDomain.intro", { id: serviceId })}</Text>
      <DetailTable
        rows={[
          { label: t("emails.labels.domain"), value: name },
          ...(name !== domain ? [{ label: t("emails.labels.punycode"), value: domain }] : []),
          { label: t("emails.labels.paidUntil"), value: expiresAt },
          ...nameservers.map((ns, i) => ({ label: t("emails.labels.nameServer", { n: i + 1 }), value: ns })),
        ]}
      />
      <Text style={paragraph}>{t("emails.welcomeDomain.advice")}</Text>
    </Layout>
  );
}

WelcomeDomain.PreviewProps = {
  serviceId: 44,
  domain: "example.com",
  expiresAt: "2027-05-01",
  nameservers: ["ns1.provisio.test", "ns2.provisio.test"],
} satisfies WelcomeDomainProps;

export default WelcomeDomain;
