import { eq } from "drizzle-orm";
import { tasks } from "../../db/schema";
import { conflict, forbidden } from "../../errors";
import { audit } from "../audit";
import { actorUserId, isAdmin, parseInput, requireStaff, type Ctx } from "../context";
import { closedMessage, lockTask, userName } from "./access";
import { taskIdInput } from "./take";

/** The holder (or an admin) gives a taken task back to its department: it is New again, unassigned. */
export async function handBackTask({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { taskId } = parseInput(taskIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const task = await lockTask(tx, ctx.actor, taskId);
    if (task.status === "done" || task.status === "cancelled") throw conflict(await closedMessage(tx, task));
    if (task.assigneeId === null) throw conflict("Nobody holds this task");
    if (task.assigneeId !== actorUserId(ctx.actor) && !isAdmin(ctx.actor)) {
      throw forbidden(`Only ${(await userName(tx, task.assigneeId)) ?? "its holder"} or an admin can hand this task back`);
    }
    const [after] = await tx
      .update(tasks)
      .set({ assigneeId: null, status: "new", takenAt: null })
      .where(eq(tasks.id, task.id))
      .returning();
    await audit(tx, ctx.actor, { action: "task.hand_back", entity: "task", entityId: task.id, before: { status: task.status, assigneeId: task.assigneeId }, after: { status: "new", assigneeId: null } });
    return after!;
  });
}
