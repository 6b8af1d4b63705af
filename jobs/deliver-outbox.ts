import { schedules } from "@trigger.dev/sdk";
import { getDatabase, type Db } from "../lib/db";
import { deliverEmails } from "../lib/email/deliver";

/** Every minute: sends the queued emails (Resend with the outbox id as idempotency key). */
export async function deliverOutbox(db: Db) {
  let total = { sent: 0, failed: 0, retried: 0 };
  for (let round = 0; round < 20; round++) {
    const r = await deliverEmails(db, { limit: 50 });
    total = { sent: total.sent + r.sent, failed: total.failed + r.failed, retried: total.retried + r.retried };
    if (r.sent + r.failed + r.retried === 0) break;
  }
  return total;
}

export const deliverOutboxTask = schedules.task({
  id: "deliver-outbox",
  cron: "* * * * *",
  run: async () => deliverOutbox((await getDatabase()).db),
});
