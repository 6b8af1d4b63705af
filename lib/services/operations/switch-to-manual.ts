import { conflict } from "../../errors";
import { escalate } from "../../processing/escalate";
import { audit } from "../audit";
import { lockOperation, operationIdInput } from "./access";
import { now, parseInput, requireStaff, type Ctx } from "../context";

/** Takes an operation away from the module and gives it to people: one task in the department. */
export async function switchOperationToManual({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { operationId } = parseInput(operationIdInput, input);
  return ctx.db.transaction(async (tx) => {
    const op = await lockOperation(tx, ctx.actor, operationId);
    if (!["queued", "waiting", "running"].includes(op.status)) throw conflict(`The operation is ${op.status}; only a queued or running one can be switched to manual`);
    const taskId = await escalate(tx, { operationId: op.id, reason: "switched", handlerId: op.handlerId, now: now(ctx) });
    await audit(tx, ctx.actor, { action: "operation.manual", entity: "operation", entityId: op.id, before: { status: op.status }, after: { status: "manual", taskId } });
    return { operationId: op.id, taskId };
  });
}
