import { schedules } from "@trigger.dev/sdk";
import { getDatabase, type Db } from "../lib/db";
import { deliverWebhooks } from "../lib/webhooks/deliver";

/** Every minute: posts the queued webhook deliveries, signed, retrying failures with backoff. */
export async function deliverWebhookOutbox(db: Db) {
  let total = { sent: 0, failed: 0, retried: 0 };
  for (let round = 0; round < 20; round++) {
    const r = await deliverWebhooks(db, { limit: 50 });
    total = { sent: total.sent + r.sent, failed: total.failed + r.failed, retried: total.retried + r.retried };
    if (r.sent + r.failed + r.retried === 0) break;
  }
  return total;
}

export const deliverWebhooksTask = schedules.task({
  id: "deliver-webhooks",
  cron: "* * * * *",
  run: async () => deliverWebhookOutbox((await getDatabase()).db),
});
