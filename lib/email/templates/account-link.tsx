import { Button, Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { emailT, Layout, paragraph, type WithLocale } from "./layout";

const accountLinkPurposes = ["verify-email", "reset-password", "confirm-email", "invitation"] as const;

export type AccountLinkProps = {
  purpose: (typeof accountLinkPurposes)[number];
  name: string;
  /** The one-time link; a secret, masked wherever staff read emails. */
  url: string;
};

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };

/** The titles in English (the default language), by purpose. */
export const accountLinkTitles = Object.fromEntries(accountLinkPurposes.map((p) => [p, accountLinkTitle(p, emailT())])) as Record<AccountLinkProps["purpose"], string>;

/** The title (and subject) of an account link email, in the translator's language. */
export function accountLinkTitle(purpose: AccountLinkProps["purpose"], t: Translator): string {
  return t(`emails.accountLink.titles.${purpose}`);
}

export function AccountLink({ purpose, name, url, locale }: WithLocale<AccountLinkProps>) {
  const t = emailT(locale);
  const title = accountLinkTitle(purpose, t);
  return (
    <Layout locale={locale} preview={title} title={title}>
      <Text style={paragraph}>{t("emails.hello", { name })}</Text>
      <Text style={paragraph}>{t(`emails.accountLink.explanations.${purpose}`)}</Text>
      <Button href={url} style={button}>
        {title}
      </Button>
      <Text style={paragraph}>{t("emails.copyLink", { url })}</Text>
      <Text style={paragraph}>{t("emails.ignore")}</Text>
    </Layout>
  );
}

AccountLink.PreviewProps = {
  purpose: "reset-password",
  name: "Ada",
  url: "https://billing.example.com/reset-password/preview-token",
} satisfies AccountLinkProps;

export default AccountLink;
