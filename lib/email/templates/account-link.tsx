import { Button, Text } from "@react-email/components";
import { Layout, paragraph } from "./layout";

export type AccountLinkProps = {
  purpose: "verify-email" | "reset-password";
  name: string;
  /** The one-time link; a secret, masked wherever staff read emails. */
  url: string;
};

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };

export const accountLinkTitles: Record<AccountLinkProps["purpose"], string> = {
  "verify-email": "Confirm your email address",
  "reset-password": "Choose a new password",
};

export function AccountLink({ purpose, name, url }: AccountLinkProps) {
  const title = accountLinkTitles[purpose];
  return (
    <Layout preview={title} title={title}>
      <Text style={paragraph}>Hello {name},</Text>
      <Text style={paragraph}>
        {purpose === "verify-email"
          ? "Open this link to confirm your email address and finish creating your account. It works once, within 24 hours."
          : "Someone (we hope you) asked to reset the password of your account. Open this link to choose a new one. It works once, within one hour; signing in elsewhere ends when you change it."}
      </Text>
      <Button href={url} style={button}>
        {title}
      </Button>
      <Text style={paragraph}>Or copy it into your browser: {url}</Text>
      <Text style={paragraph}>If you did not ask for this, ignore this email: nothing changes.</Text>
    </Layout>
  );
}

AccountLink.PreviewProps = {
  purpose: "reset-password",
  name: "Ada",
  url: "https://billing.example.com/reset-password/preview-token",
} satisfies AccountLinkProps;

export default AccountLink;
