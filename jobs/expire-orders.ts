import { schedules } from "@trigger.dev/sdk";
import { expireUnpaidOrders } from "../lib/billing/expire-orders";
import { taskDatabase } from "../lib/jobs/task-database";

/** Every hour: cancels orders left unpaid longer than the setting allows. */
export const expireOrdersTask = schedules.task({
  id: "expire-orders",
  cron: "41 * * * *",
  run: async () => ({ expired: await expireUnpaidOrders(await taskDatabase()) }),
});
