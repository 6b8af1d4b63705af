import { schedules } from "@trigger.dev/sdk";
import { getDatabase, type Db } from "../lib/db";
import { scheduleSyncs } from "../lib/processing/schedule-syncs";
import { sweepOperations } from "../lib/processing/sweep";

/** Every minute: runs every due operation (retries, polls of remote tasks, leases that ran out). */
export async function sweep(db: Db) {
  return { ran: await sweepOperations(db, { maxRounds: 20 }) };
}

export const sweepOperationsTask = schedules.task({
  id: "sweep-operations",
  cron: "* * * * *",
  run: async () => sweep((await getDatabase()).db),
});

/** Every ten minutes: queues syncs of the services due one, then runs them. */
export async function syncServices(db: Db) {
  const queued = await scheduleSyncs(db, new Date());
  return { queued, ran: await sweepOperations(db, { maxRounds: 20 }) };
}

export const syncServicesTask = schedules.task({
  id: "sync-services",
  cron: "*/10 * * * *",
  run: async () => syncServices((await getDatabase()).db),
});
