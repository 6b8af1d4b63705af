import { z } from "zod";
import { bulkIds, eachItem, type BulkOutcome } from "../bulk";
import { parseInput, requireStaff, type Ctx } from "../context";
import { cancelOperation } from "./cancel";
import { restartOperation } from "./restart";

export const bulkOperationInput = z.object({
  action: z.enum(["restart", "cancel"], { message: "Choose restart or cancel" }),
  operationIds: bulkIds(),
});

/** Restarts or cancels several operations, each through its single verb (checked and audited on its own). */
export async function bulkOperationAction({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<BulkOutcome> {
  requireStaff(ctx.actor);
  const data = parseInput(bulkOperationInput, input);
  const verb = data.action === "restart" ? restartOperation : cancelOperation;
  return eachItem(data.operationIds, (operationId) => verb({ ctx, input: { operationId } }));
}
