import { and, eq } from "drizzle-orm";
import { emailOutbox, operations, tasks } from "../../db/schema";
import { decryptJson } from "../../crypto";
import { renderEmail } from "../../email/render";
import { isTemplateName } from "../../email/templates";
import { notFound } from "../../errors";
import { emailEventFor } from "../../processing/status";
import { parseInput, requireStaff, type Ctx } from "../context";
import { requireTaskDepartment } from "./access";
import { taskIdInput } from "./take";

/** The email the client got because this task's operation was done (the welcome email of a setup), rendered. */
export async function getTaskEmail({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { taskId } = parseInput(taskIdInput, input);
  const [row] = await ctx.db
    .select({ task: tasks, kind: operations.kind })
    .from(tasks)
    .innerJoin(operations, eq(operations.id, tasks.operationId))
    .where(eq(tasks.id, taskId));
  if (!row) throw notFound("Task not found");
  await requireTaskDepartment(ctx.db, ctx.actor, row.task);
  const event = emailEventFor[row.kind];
  if (!event) return null;
  const [mail] = await ctx.db
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.dedupeKey, `${event}:op:${row.task.operationId}`), eq(emailOutbox.serviceId, row.task.serviceId)));
  if (!mail || !isTemplateName(mail.template)) return null;
  const { text, subject } = await renderEmail(mail.template, decryptJson(mail.props) as never);
  return { id: mail.id, to: mail.to, subject, text, status: mail.status, createdAt: mail.createdAt, sentAt: mail.sentAt };
}
