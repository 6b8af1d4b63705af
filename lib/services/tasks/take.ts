import { eq } from "drizzle-orm";
import { z } from "zod";
import { tasks } from "../../db/schema";
import { conflict, forbidden } from "../../errors";
import { audit } from "../audit";
import { now, parseInput, requireStaff, type Ctx } from "../context";
import { closedMessage, lockTask, userName } from "./access";

export const taskIdInput = z.object({ taskId: z.number().int().positive().max(2_147_483_647) });

/** A staff member assigns a task of their department to themselves; a task someone else holds is a conflict. */
export async function takeTask({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { taskId } = parseInput(taskIdInput, input);
  const actor = ctx.actor;
  if (actor.type !== "user") throw forbidden("Only a signed-in staff member can take a task");
  return ctx.db.transaction(async (tx) => {
    const task = await lockTask(tx, actor, taskId);
    if (task.status === "done" || task.status === "cancelled") throw conflict(await closedMessage(tx, task));
    if (task.assigneeId === actor.userId) return task;
    if (task.assigneeId !== null) {
      const holder = await userName(tx, task.assigneeId);
      throw conflict(`This task is already taken by ${holder ?? "someone else"}`, { assigneeId: task.assigneeId, assigneeName: holder });
    }
    const [after] = await tx
      .update(tasks)
      .set({ assigneeId: actor.userId, status: "in_progress", takenAt: now(ctx) })
      .where(eq(tasks.id, task.id))
      .returning();
    await audit(tx, actor, { action: "task.take", entity: "task", entityId: task.id, before: { status: task.status, assigneeId: null }, after: { status: "in_progress", assigneeId: actor.userId } });
    return after!;
  });
}
