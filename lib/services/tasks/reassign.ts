import { eq } from "drizzle-orm";
import { z } from "zod";
import { departmentMembers, tasks, users } from "../../db/schema";
import { conflict, ValidationError } from "../../errors";
import { audit } from "../audit";
import { notifyTask } from "../../notifications/notify-task";
import { actorUserId, now, parseInput, requireAdmin, type Ctx } from "../context";
import { closedMessage, lockTask } from "./access";

export const reassignTaskInput = z.object({
  taskId: z.number().int().positive().max(2_147_483_647),
  /** A staff member of the task's department or an admin; null leaves the task unassigned (New). */
  assigneeId: z.number().int().positive().max(2_147_483_647).nullable(),
});

/** An admin gives an open task to someone else, or to nobody. */
export async function reassignTask({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(reassignTaskInput, input);
  return ctx.db.transaction(async (tx) => {
    const task = await lockTask(tx, ctx.actor, data.taskId);
    if (task.status === "done" || task.status === "cancelled") throw conflict(await closedMessage(tx, task));
    if (data.assigneeId !== null) {
      const [user] = await tx.select().from(users).where(eq(users.id, data.assigneeId));
      if (!user || user.disabled || user.role === "client") throw new ValidationError({ assigneeId: ["Choose a staff member or an admin"] });
      if (user.role === "staff") {
        const memberships = await tx.select().from(departmentMembers).where(eq(departmentMembers.userId, user.id));
        if (!memberships.some((m) => m.departmentId === task.departmentId)) {
          throw new ValidationError({ assigneeId: [`${user.name} is not in this task's department`] });
        }
      }
    }
    if (data.assigneeId === task.assigneeId) return task;
    const [after] = await tx
      .update(tasks)
      .set(data.assigneeId === null ? { assigneeId: null, status: "new", takenAt: null } : { assigneeId: data.assigneeId, status: "in_progress", takenAt: now(ctx) })
      .where(eq(tasks.id, task.id))
      .returning();
    if (after!.assigneeId !== null && after!.assigneeId !== actorUserId(ctx.actor)) await notifyTask(tx, { taskId: task.id, event: "assigned", now: now(ctx) });
    await audit(tx, ctx.actor, { action: "task.reassign", entity: "task", entityId: task.id, before: { status: task.status, assigneeId: task.assigneeId }, after: { status: after!.status, assigneeId: after!.assigneeId } });
    return after!;
  });
}
