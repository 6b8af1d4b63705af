import { schedules } from "@trigger.dev/sdk";
import type { Db } from "../lib/db";
import { deliverEmails } from "../lib/email/deliver";
import { drain, taskDatabase } from "../lib/jobs/task-database";

/** Every minute: sends the queued emails (Resend, with the installation and outbox ids as idempotency key). */
export const deliverOutbox = (db: Db) => drain(() => deliverEmails(db, { limit: 50 }));

export const deliverOutboxTask = schedules.task({
  id: "deliver-outbox",
  cron: "* * * * *",
  run: async () => deliverOutbox(await taskDatabase()),
});
