import { schedules } from "@trigger.dev/sdk";
import type { Db } from "../lib/db";
import { scheduleSyncs } from "../lib/processing/schedule-syncs";
import { sweepOperations } from "../lib/processing/sweep";
import { sweepHeartbeat, taskDatabase } from "../lib/jobs/task-database";

/** Every minute: runs every due operation (retries, polls of remote tasks, leases that ran out). */
export const sweep = async (db: Db) => {
  const ran = await sweepOperations(db, { maxRounds: 20 });
  await sweepHeartbeat(db, ran);
  return { ran };
};

export const sweepOperationsTask = schedules.task({
  id: "sweep-operations",
  cron: "* * * * *",
  run: async () => sweep(await taskDatabase()),
});

/** Every ten minutes: queues syncs of the services due one, then runs them. */
export const syncServices = async (db: Db) => {
  const queued = await scheduleSyncs(db, new Date());
  return { queued, ran: await sweepOperations(db, { maxRounds: 20 }) };
};

export const syncServicesTask = schedules.task({
  id: "sync-services",
  cron: "*/10 * * * *",
  run: async () => syncServices(await taskDatabase()),
});
