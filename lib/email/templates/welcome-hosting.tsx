import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";
import { displayDomain } from "../../domain-display";

export type WelcomeHostingProps = {
  serviceId: number;
  tariffName: string;
  panelUrl: string;
  login: string;
  password: string;
  domain?: string;
};

export function WelcomeHosting({ serviceId, tariffName, panelUrl, login, password, domain }: WelcomeHostingProps) {
  return (
    <Layout preview={`Your hosting ${tariffName} is ready`} title="Your hosting is ready">
      <Text style={paragraph}>
        Service #{serviceId} ({tariffName}) has been set up. Sign in to the control panel with these details:
      </Text>
      <DetailTable
        rows={[
          { label: "Control panel", value: panelUrl },
          { label: "Login", value: login },
          { label: "Password", value: password },
          { label: "Domain", value: displayDomain(domain) },
        ]}
      />
      <Text style={paragraph}>We recommend changing the password after your first sign-in.</Text>
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
