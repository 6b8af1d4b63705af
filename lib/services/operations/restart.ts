import { eq, inArray } from "drizzle-orm";
import { operations, tasks } from "../../db/schema";
import { conflict } from "../../errors";
import { notifyRunners } from "../../processing/wake";
import { audit } from "../audit";
import { lockOperation, operationIdInput } from "./access";
import { now, parseInput, requireStaff, type Ctx } from "../context";

/**
 * Runs an operation again now with a fresh set of attempts: from manual (its task is put aside),
 * or queued/waiting for a retry later.
 */
export async function restartOperation({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { operationId } = parseInput(operationIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const op = await lockOperation(tx, ctx.actor, operationId);
    if (!["manual", "queued", "waiting"].includes(op.status)) throw conflict(`The operation is ${op.status} and cannot be restarted`);
    const at = now(ctx);
    const [after] = await tx
      .update(operations)
      .set({ status: op.remoteTask ? "waiting" : "queued", attempts: 0, claims: 0, runAt: at, updatedAt: at, leaseToken: null, leaseUntil: null })
      .where(eq(operations.id, op.id))
      .returning();
    await tx
      .update(tasks)
      .set({ status: "cancelled", closedAt: at, note: "Operation restarted" })
      .where(inArray(tasks.operationId, [op.id]));
    await audit(tx, ctx.actor, { action: "operation.restart", entity: "operation", entityId: op.id, before: { status: op.status, attempts: op.attempts }, after: { status: after!.status } });
    await notifyRunners(tx);
    return after!;
  });
}
