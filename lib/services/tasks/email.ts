import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { emailOutbox, operations, tasks } from "../../db/schema";
import { decryptJson } from "../../crypto";
import { renderWithText } from "../../email/texts/render-with-text";
import { isTemplateName } from "../../email/templates";
import { maskEmailProps } from "../../email/mask";
import { audit } from "../audit";
import { notFound } from "../../errors";
import { emailEventFor } from "../../processing/status";
import { parseInput, requireStaff, type Ctx } from "../context";
import { requireTaskDepartment } from "./access";
import { taskIdInput } from "./take";

const taskEmailInput = taskIdInput.extend({ reveal: z.boolean().default(false) });

/**
 * The email the client got because this task's operation was done (the welcome email of a setup),
 * rendered with its secrets masked; `reveal` shows them and writes an audit row.
 */
export async function getTaskEmail({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { taskId, reveal } = parseInput(taskEmailInput, input);
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
  const real = decryptJson(mail.props) as never;
  const { text, subject } = await renderWithText(ctx.db, mail.template, reveal ? real : maskEmailProps(mail.template, real), mail.locale);
  if (reveal) await audit(ctx.db, ctx.actor, { action: "task.email_reveal", entity: "email", entityId: mail.id, after: { taskId, to: mail.to } });
  return {
    revealed: reveal, id: mail.id, to: mail.to, subject, text, status: mail.status, createdAt: mail.createdAt, sentAt: mail.sentAt };
}
