import { z } from "zod";
import { suspensionReasons } from "../../vocabulary";
import { bulkIds, eachItem, type BulkOutcome } from "../bulk";
import { parseInput, requireStaff, type Ctx } from "../context";
import { requestServiceOperation } from "./request-operation";
import { resumeService } from "./resume";
import { suspendService } from "./suspend";

export const bulkServiceInput = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("suspend"),
    serviceIds: bulkIds(),
    reason: z.enum(suspensionReasons, { message: "Choose why the services are suspended" }),
    note: z.string().trim().max(500).optional(),
  }),
  z.object({ action: z.enum(["resume", "close"]), serviceIds: bulkIds() }),
], { message: "Choose suspend, resume or close" });

/**
 * Suspends (for one reason), resumes or closes several services: each through its single verb, so
 * each is checked and audited on its own; what a verb refuses is listed with its reason.
 */
export async function bulkServiceAction({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<BulkOutcome> {
  requireStaff(ctx.actor);
  const data = parseInput(bulkServiceInput, input);
  return eachItem(data.serviceIds, (serviceId) => {
    if (data.action === "suspend") return suspendService({ ctx, input: { serviceId, reason: data.reason, note: data.note } });
    if (data.action === "resume") return resumeService({ ctx, input: { serviceId } });
    return requestServiceOperation({ ctx, input: { serviceId, kind: "close" } });
  });
}
