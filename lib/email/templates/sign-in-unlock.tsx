import { Button, Text } from "@react-email/components";
import { Layout, paragraph } from "./layout";

export type SignInUnlockProps = {
  name: string;
  /** Minutes the lock lasts unless the link lifts it. */
  minutes: number;
  /** The one-time link that lifts the lock; a secret, masked wherever staff read emails. */
  url: string;
};

export const signInUnlockTitle = "Signing in to your account is locked";

const button = { backgroundColor: "#2b59c3", color: "#ffffff", padding: "10px 16px", borderRadius: "4px", fontSize: "14px" };

/** Sent when wrong passwords from many places lock an account: the owner can lift the lock at once. */
export function SignInUnlock({ name, minutes, url }: SignInUnlockProps) {
  return (
    <Layout preview={signInUnlockTitle} title={signInUnlockTitle}>
      <Text style={paragraph}>Hello {name},</Text>
      <Text style={paragraph}>
        Many wrong passwords were tried for your account from several places, so signing in is locked for {minutes} minutes,
        even with the right password. If that was not you, someone is guessing: your password was not accepted.
      </Text>
      <Text style={paragraph}>Open this link to lift the lock now. It works once, within one hour.</Text>
      <Button href={url} style={button}>
        Lift the lock
      </Button>
      <Text style={paragraph}>Or copy it into your browser: {url}</Text>
      <Text style={paragraph}>If your password is weak or used elsewhere, change it after signing in.</Text>
    </Layout>
  );
}

SignInUnlock.PreviewProps = {
  name: "Ada",
  minutes: 15,
  url: "https://billing.example.com/unlock-sign-in/preview-token",
} satisfies SignInUnlockProps;

export default SignInUnlock;
