import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph, type Detail } from "./layout";

export type WelcomeOtherProps = {
  serviceId: number;
  tariffName: string;
  details: Detail[];
};

export function WelcomeOther({ serviceId, tariffName, details }: WelcomeOtherProps) {
  return (
    <Layout preview={`Your service ${tariffName} is ready`} title="Your service is ready">
      <Text style={paragraph}>Service #{serviceId} ({tariffName}) has been set up.</Text>
      {details.length > 0 ? (
        <DetailTable rows={details} />
      ) : (
        <Text style={paragraph}>Our staff will contact you with the access details.</Text>
      )}
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
