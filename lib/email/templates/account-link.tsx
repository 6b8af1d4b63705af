import { Button, Text } from "@react-email/components";
import { Layout, paragraph } from "./layout";

export type AccountLinkProps = {
  purpose: "verify-email" | "reset-password" | "confirm-email" | "invitation";
  name: string;
  /** The one-time link; a secret, masked wherever staff read emails. */
  url: string;
};

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };

export const accountLinkTitles: Record<AccountLinkProps["purpose"], string> = {
  "verify-email": "Confirm your email address",
  "reset-password": "Choose a new password",
  "confirm-email": "Confirm your new contact email",
  invitation: "Choose your password",
};

const explanations: Record<AccountLinkProps["purpose"], string> = {
  "verify-email": "Open this link to confirm your email address and finish creating your account. It works once, within 24 hours.",
  "reset-password":
    "Someone (we hope you) asked to reset the password of your account. Open this link to choose a new one. It works once, within one hour; signing in elsewhere ends when you change it.",
  "confirm-email": "Someone (we hope you) gave this address as the contact email of a billing account. Open this link to confirm it; until then we keep writing to the old address. It works once, within 24 hours.",
  invitation: "An account has been made for you with this email address. Open this link to choose your password and sign in. It works once, within 7 days; after that, use \"Forgot password?\" on the sign-in page.",
};

export function AccountLink({ purpose, name, url }: AccountLinkProps) {
  const title = accountLinkTitles[purpose];
  return (
    <Layout preview={title} title={title}>
      <Text style={paragraph}>Hello {name},</Text>
      <Text style={paragraph}>{explanations[purpose]}</Text>
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
