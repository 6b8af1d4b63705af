import { schedules } from "@trigger.dev/sdk";
import { getDatabase, type Db } from "../lib/db";
import { runRenewals } from "../lib/billing/renewals";

/** Every hour: charges due renewals, warns about expiring services, suspends and closes unpaid ones. */
export async function renewals(db: Db) {
  const { operationIds: _ids, ...summary } = await runRenewals(db);
  return summary;
}

export const renewalsTask = schedules.task({
  id: "renewals",
  cron: "17 * * * *",
  run: async () => renewals((await getDatabase()).db),
});
