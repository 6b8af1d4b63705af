import { Text } from "@react-email/components";
import { DetailTable, emailT, Layout, paragraph, type Detail, type WithLocale } from "./layout";

export type WelcomeOtherProps = {
  serviceId: number;
  tariffName: string;
  details: Detail[];
};

export function WelcomeOther({ serviceId, tariffName, details, locale }: WithLocale<WelcomeOtherProps>) {
  const t = emailT(locale);
  return (
    <Layout locale={locale} preview={t("emails.welcomeOther.preview", { tariff: tariffName })} title={t("emails.welcomeOther.title")}>
      <Text style={paragraph}>{t("emails.welcomeOther.intro", { id: serviceId, tariff: tariffName })}</Text>
      {details.length > 0 ? <DetailTable rows={details} /> : <Text style={paragraph}>{t("emails.welcomeOther.noDetails")}</Text>}
    </Layout>
  );
}

WelcomeOther.PreviewProps = {
  serviceId: 45,
  tariffName: "Dedicated E3",
  details: [
    { label: "IP", value: "198.51.100.7" },
    { label: "Login", value: "admin" },
    { label: "Password", value: "Ded1-Pa55" },
  ],
} satisfies WelcomeOtherProps;

export default WelcomeOther;
