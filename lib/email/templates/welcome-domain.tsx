import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";
import { displayDomain } from "../../domain-display";

export type WelcomeDomainProps = {
  serviceId: number;
  domain: string;
  /** YYYY-MM-DD, or empty when not known yet. */
  expiresAt: string;
  nameservers: string[];
};

export function WelcomeDomain({ serviceId, domain, expiresAt, nameservers }: WelcomeDomainProps) {
  const name = displayDomain(domain);
  return (
    <Layout preview={`Domain ${name} is registered`} title={`Domain ${name} is registered`}>
      <Text style={paragraph}>Service #{serviceId}: the domain is registered to you.</Text>
      <DetailTable
        rows={[
          { label: "Domain", value: name },
          ...(name !== domain ? [{ label: "In DNS records (punycode)", value: domain }] : []),
          { label: "Paid until", value: expiresAt },
          ...nameservers.map((ns, i) => ({ label: `Name server ${i + 1}`, value: ns })),
        ]}
      />
      <Text style={paragraph}>Changes to name servers may take up to 24 hours to spread.</Text>
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
