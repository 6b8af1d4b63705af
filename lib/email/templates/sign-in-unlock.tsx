import { Button, Text } from "@react-email/components";
import type { Translator } from "../../i18n/translator";
import { emailT, Layout, paragraph, type WithLocale } from "./layout";

export type SignInUnlockProps = {
  name: string;
  /** Minutes the lock lasts unless the link lifts it. */
  minutes: number;
  /** The one-time link that lifts the lock; a secret, masked wherever staff read emails. */
  url: string;
};

/** The title (and subject) of the unlock email, in the translator's language. */
export const signInUnlockTitleIn = (t: Translator) => t("emails.signInUnlock.title");
/** The title in English (the default language). */
export const signInUnlockTitle = signInUnlockTitleIn(emailT());

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };

/** Sent when wrong passwords from many places lock an account: the owner can lift the lock at once. */
export function SignInUnlock({ name, minutes, url, locale }: WithLocale<SignInUnlockProps>) {
  const t = emailT(locale);
  const title = signInUnlockTitleIn(t);
  return (
    <Layout locale={locale} preview={title} title={title}>
      <Text style={paragraph}>{t("emails.hello", { name })}</Text>
      <Text style={paragraph}>{t("emails.signInUnlock.body", { minutes })}</Text>
      <Text style={paragraph}>{t("emails.signInUnlock.lift")}</Text>
      <Button href={url} style={button}>
        {t("emails.signInUnlock.button")}
      </Button>
      <Text style={paragraph}>{t("emails.copyLink", { url })}</Text>
      <Text style={paragraph}>{t("emails.signInUnlock.advice")}</Text>
    </Layout>
  );
}

SignInUnlock.PreviewProps = {
  name: "Ada",
  minutes: 15,
  url: "https://billing.example.com/unlock-sign-in/preview-token",
} satisfies SignInUnlockProps;

export default SignInUnlock;
