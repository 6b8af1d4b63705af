import { and, asc, eq, gte, inArray, isNull, lt, or } from "drizzle-orm";
import { appUrl } from "../auth/app-url";
import type { Db } from "../db";
import { departments, operations, services, tasks } from "../db/schema";
import { enqueueEmail } from "../email/enqueue";
import { taskDigestTitle, type TaskDigestProps } from "../email/templates/task-digest";
import { enqueueChat } from "./enqueue-chat";
import { taskUrl } from "./notify-task";
import { taskReasonText, taskWork } from "./task-words";

/** Digests go out once a day, at the first run after this hour (UTC). */
export const DIGEST_HOUR_UTC = 7;
const DAY_MS = 86_400_000;

/**
 * The daily digest of departments that chose it: the tasks that came in since the last digest
 * (at most a day back) and are still open, by email and chat webhook. A day with no new task
 * sends nothing. Safe to run often and from several runners: a department is locked while its
 * digest is queued, and the day is in the dedupe key.
 */
export async function sendTaskDigests(db: Db, now: Date, { hour = DIGEST_HOUR_UTC } = {}): Promise<{ sent: number }> {
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  if (now < cutoff) return { sent: 0 };
  const day = cutoff.toISOString().slice(0, 10);
  let sent = 0;
  return db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(departments)
      .where(and(eq(departments.notify, "digest"), or(isNull(departments.digestSentAt), lt(departments.digestSentAt, cutoff))))
      .for("update", { skipLocked: true });
    for (const d of due) {
      const since = d.digestSentAt && now.getTime() - d.digestSentAt.getTime() < DAY_MS ? d.digestSentAt : new Date(now.getTime() - DAY_MS);
      const list = await tx
        .select({ id: tasks.id, reason: tasks.reason, serviceId: tasks.serviceId, kind: operations.kind, params: services.params })
        .from(tasks)
        .innerJoin(operations, eq(operations.id, tasks.operationId))
        .innerJoin(services, eq(services.id, tasks.serviceId))
        .where(and(eq(tasks.departmentId, d.id), inArray(tasks.status, ["new", "in_progress"]), gte(tasks.createdAt, since), lt(tasks.createdAt, now)))
        .orderBy(asc(tasks.id))
        .limit(200);
      await tx.update(departments).set({ digestSentAt: now }).where(eq(departments.id, d.id));
      if (list.length === 0) continue;
      const props: TaskDigestProps = {
        departmentName: d.name,
        day,
        tasks: list.map((t) => ({ taskId: t.id, work: taskWork(t.kind, t.serviceId, t.params), why: taskReasonText[t.reason], url: taskUrl(t.id) })),
        boardUrl: `${appUrl()}/board`,
      };
      const key = `task-digest:${d.id}:${day}`;
      if (d.email) await enqueueEmail(tx, { template: "task-digest", props, to: d.email, dedupeKey: key, clientId: null, serviceId: null, runAt: now });
      if (d.chatUrl) {
        const lines = props.tasks.slice(0, 30).map((t) => `#${t.taskId} ${t.work}: ${t.url}`);
        await enqueueChat(tx, { departmentId: d.id, dedupeKey: key, text: [taskDigestTitle(props), ...lines].join("\n"), runAt: now });
      }
      sent++;
    }
    return { sent };
  });
}
