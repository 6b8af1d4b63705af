import { eq } from "drizzle-orm";
import { appUrl } from "../auth/app-url";
import type { Conn } from "../db";
import { departments, operations, services, tasks, users } from "../db/schema";
import { enqueueEmail } from "../email/enqueue";
import { taskNoticeTitle, type TaskNoticeEvent, type TaskNoticeProps } from "../email/templates/task-notice";
import { notifyRunners } from "../processing/wake";
import { enqueueChat } from "./enqueue-chat";
import { taskReasonText, taskWork } from "./task-words";

export const taskUrl = (taskId: number) => `${appUrl()}/board/tasks/${taskId}`;

export function chatText(p: TaskNoticeProps): string {
  return [taskNoticeTitle(p), p.why, p.note ? `Last error: ${p.note}` : "", p.url].filter(Boolean).join("\n");
}

/**
 * Tells staff about a task in the caller's transaction, as its department asked: a new or escalated
 * task goes to the department's email and chat webhook ("each"), waits for the daily digest
 * ("digest"), or is not sent ("off"); a new assignee gets an email unless the department is "off".
 * Staff mail carries no client and no service, so it never shows in a client's mailbox.
 */
export async function notifyTask(tx: Conn, input: { taskId: number; event: TaskNoticeEvent; now: Date }): Promise<void> {
  const [row] = await tx
    .select({ task: tasks, kind: operations.kind, params: services.params, department: departments, assignee: { name: users.name, email: users.email, disabled: users.disabled } })
    .from(tasks)
    .innerJoin(operations, eq(operations.id, tasks.operationId))
    .innerJoin(services, eq(services.id, tasks.serviceId))
    .leftJoin(departments, eq(departments.id, tasks.departmentId))
    .leftJoin(users, eq(users.id, tasks.assigneeId))
    .where(eq(tasks.id, input.taskId));
  const department = row?.department;
  if (!row || !department || department.notify === "off") return;
  const { task, assignee } = row;
  const props: TaskNoticeProps = {
    event: input.event,
    taskId: task.id,
    departmentName: department.name,
    work: taskWork(row.kind, task.serviceId, row.params),
    why: taskReasonText[task.reason],
    ...(task.note ? { note: task.note.slice(0, 500) } : {}),
    ...(assignee ? { assigneeName: assignee.name } : {}),
    url: taskUrl(task.id),
  };
  let queued = false;
  const key = `task-${input.event}:${task.id}:${input.now.getTime()}`;
  const mail = { template: "task-notice" as const, props, clientId: null, serviceId: null, runAt: input.now };
  if (input.event === "assigned") {
    if (assignee && !assignee.disabled) queued = !!(await enqueueEmail(tx, { ...mail, to: assignee.email, dedupeKey: `${key}:assignee` }));
  } else if (department.notify === "each" && department.email) {
    await enqueueEmail(tx, { ...mail, to: department.email, dedupeKey: `${key}:department` });
  }
  if (department.notify === "each" && department.chatUrl) {
    await enqueueChat(tx, { departmentId: department.id, dedupeKey: key, text: chatText(props), runAt: input.now });
    queued = true;
  }
  // Escalations are delivered when the runner finishes the operation; a reassignment wakes it.
  if (queued && input.event === "assigned") await notifyRunners(tx);
}
