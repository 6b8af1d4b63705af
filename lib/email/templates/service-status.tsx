import { Text } from "@react-email/components";
import { DetailTable, Layout, paragraph } from "./layout";

export const serviceStatusEvents = ["suspended", "resumed", "closed", "renewed", "expiring", "renewal-failed"] as const;
export type ServiceStatusEvent = (typeof serviceStatusEvents)[number];

export type ServiceStatusProps = {
  serviceId: number;
  tariffName: string;
  status: ServiceStatusEvent;
  /** Domain or host name that tells the client which service this is. */
  name?: string;
  /** YYYY-MM-DD. */
  expiresAt?: string;
  reason?: string;
};

export const statusTitles: Record<ServiceStatusEvent, string> = {
  suspended: "Service suspended",
  resumed: "Service resumed",
  closed: "Service closed",
  renewed: "Service renewed",
  expiring: "Service expires soon",
  "renewal-failed": "Service renewal failed",
};

function message(status: ServiceStatusEvent, expiresAt: string | undefined): string {
  const until = expiresAt ? ` until ${expiresAt}` : "";
  switch (status) {
    case "suspended":
      return "has been suspended. It will be resumed once the reason is resolved.";
    case "resumed":
      return "is active again.";
    case "closed":
      return "has been closed. Its data may be deleted from the server.";
    case "renewed":
      return `has been renewed${until}.`;
    case "expiring":
      return `is paid${until}. Top up your balance so that it can be renewed in time.`;
    case "renewal-failed":
      return "could not be renewed. Top up your balance or contact support to keep it running.";
  }
}

export function ServiceStatus({ serviceId, tariffName, status, name, expiresAt, reason }: ServiceStatusProps) {
  const title = statusTitles[status];
  return (
    <Layout preview={`${title}: ${name ?? tariffName}`} title={title}>
      <Text style={paragraph}>
        Service #{serviceId} ({tariffName}) {message(status, expiresAt)}
      </Text>
      <DetailTable
        rows={[
          { label: "Service", value: name ?? "" },
          { label: "Paid until", value: expiresAt ?? "" },
          { label: "Reason", value: reason ?? "" },
        ]}
      />
    </Layout>
  );
}

ServiceStatus.PreviewProps = {
  serviceId: 42,
  tariffName: "Hosting Start",
  status: "suspended",
  name: "example.com",
  expiresAt: "2026-06-01",
  reason: "The service was not paid in time.",
} satisfies ServiceStatusProps;

export default ServiceStatus;
