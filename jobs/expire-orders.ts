import { schedules } from "@trigger.dev/sdk";
import { expireUnpaidOrders } from "../lib/billing/expire-orders";
import type { Db } from "../lib/db";
import { taskDatabase } from "../lib/jobs/task-database";

/** Every hour: cancels orders left unpaid longer than the setting allows. */
export const expireOrders = async (db: Db) => ({ expired: await expireUnpaidOrders(db) });

export const expireOrdersTask = schedules.task({
  id: "expire-orders",
  cron: "41 * * * *",
  run: async () => expireOrders(await taskDatabase()),
});
