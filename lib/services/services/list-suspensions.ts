import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { serviceSuspensions, users } from "../../db/schema";
import { isStaff, parseInput, type Ctx } from "../context";
import { loadOwnService } from "./load-own";
import { suspensionWords } from "./suspensions";

export const listSuspensionsInput = z.object({ serviceId: z.coerce.number().int().positive().max(2_147_483_647) });

/**
 * The reasons a service is suspended for now, oldest first, each with its words for the client and
 * what to do. Staff also see who suspended it; a client sees only its own services' reasons.
 */
export async function listSuspensions({ ctx, input }: { ctx: Ctx; input: unknown }) {
  const { serviceId } = parseInput(listSuspensionsInput, input);
  const service = await loadOwnService(ctx.db, ctx.actor, serviceId);
  const rows = await ctx.db
    .select({ id: serviceSuspensions.id, reason: serviceSuspensions.reason, scope: serviceSuspensions.scope, note: serviceSuspensions.note, createdAt: serviceSuspensions.createdAt, byName: users.name })
    .from(serviceSuspensions)
    .leftJoin(users, eq(users.id, serviceSuspensions.byUserId))
    .where(and(eq(serviceSuspensions.serviceId, service.id), isNull(serviceSuspensions.liftedAt)))
    .orderBy(serviceSuspensions.id);
  const staff = isStaff(ctx.actor);
  return rows.map((r) => ({
    ...r,
    ...suspensionWords[r.reason],
    byName: staff ? (r.byName ?? "the system") : null,
  }));
}
