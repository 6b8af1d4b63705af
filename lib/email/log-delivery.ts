import { logger } from "../log";
import { processMetrics } from "../metrics/process";

type Row = { id: number; template: string; serviceId: number | null; attempts: number };

/**
 * One log line per email handed to the transport (sent) or refused (retried later, or failed for
 * good), with the outbox id and the service; never the address or the content.
 */
export function logEmail(row: Row, outcome: { sent: true; transport: string; providerId: string | null } | { sent: false; error: string; retryAt: Date | null }) {
  const fields = { email: row.id, template: row.template, service: row.serviceId, attempt: row.attempts };
  if (outcome.sent) {
    processMetrics().emails.inc({ outcome: "sent" });
    logger().info({ ...fields, transport: outcome.transport, providerId: outcome.providerId }, "email sent");
    return;
  }
  processMetrics().emails.inc({ outcome: outcome.retryAt ? "retried" : "failed" });
  if (outcome.retryAt) logger().warn({ ...fields, error: outcome.error, retryAt: outcome.retryAt.toISOString() }, "email not sent, will retry");
  else logger().error({ ...fields, error: outcome.error }, "email failed for good");
}
