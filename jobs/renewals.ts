import { schedules } from "@trigger.dev/sdk";
import type { Db } from "../lib/db";
import { runRenewals } from "../lib/billing/renewals";
import { taskDatabase } from "../lib/jobs/task-database";

/** Every hour: charges due renewals, warns about expiring services, suspends and closes unpaid ones. */
export const renewals = async (db: Db) => {
  const { operationIds: _ids, ...summary } = await runRenewals(db);
  return summary;
};

export const renewalsTask = schedules.task({
  id: "renewals",
  cron: "17 * * * *",
  run: async () => renewals(await taskDatabase()),
});
