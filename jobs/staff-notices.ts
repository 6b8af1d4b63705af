import { schedules } from "@trigger.dev/sdk";
import type { Db } from "../lib/db";
import { drain, taskDatabase } from "../lib/jobs/task-database";
import { deliverChat } from "../lib/notifications/deliver-chat";
import { sendTaskDigests } from "../lib/notifications/send-digests";

/** Every minute: posts queued chat messages to the departments' webhooks. */
export const deliverChatOutbox = (db: Db) => drain(() => deliverChat(db, { limit: 50 }));

export const deliverChatTask = schedules.task({
  id: "deliver-chat",
  cron: "* * * * *",
  run: async () => deliverChatOutbox(await taskDatabase()),
});

export const taskDigests = (db: Db) => sendTaskDigests(db, new Date());

/** Every hour: queues the daily digest of departments that chose one, once the digest hour has passed. */
export const taskDigestsTask = schedules.task({
  id: "task-digests",
  cron: "5 * * * *",
  run: async () => taskDigests(await taskDatabase()),
});
