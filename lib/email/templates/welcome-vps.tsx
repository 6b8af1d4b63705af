import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";

export type WelcomeVpsProps = {
  serviceId: number;
  tariffName: string;
  ip: string;
  rootPassword: string;
  hostname?: string;
  os?: string;
};

export function WelcomeVps({ serviceId, tariffName, ip, rootPassword, hostname, os }: WelcomeVpsProps) {
  return (
    <Layout preview={`Your virtual server ${hostname ?? ip} is ready`} title="Your virtual server is ready">
      <Text style={paragraph}>
        Service #{serviceId} ({tariffName}) is running. Connect over SSH as root with these details:
      </Text>
      <DetailTable
        rows={[
          { label: "IP address", value: ip },
          { label: "Host name", value: hostname ?? "" },
          { label: "Operating system", value: os ?? "" },
          { label: "User", value: "root" },
          { label: "Root password", value: rootPassword },
        ]}
      />
      <Text style={paragraph}>We recommend changing the root password after your first sign-in.</Text>
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
