import { schedules } from "@trigger.dev/sdk";
import type { Db } from "../lib/db";
import { deliverWebhooks } from "../lib/webhooks/deliver";
import { drain, taskDatabase } from "../lib/jobs/task-database";

/** Every minute: posts the queued webhook deliveries, signed, retrying failures with backoff. */
export const deliverWebhookOutbox = (db: Db) => drain(() => deliverWebhooks(db, { limit: 50 }));

export const deliverWebhooksTask = schedules.task({
  id: "deliver-webhooks",
  cron: "* * * * *",
  run: async () => deliverWebhookOutbox(await taskDatabase()),
});
