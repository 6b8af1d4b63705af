import { and, eq } from "drizzle-orm";
import { departmentMembers } from "../../db/schema";
import { notFound } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";
import { memberInput } from "./add-member";

/** An admin takes a staff member out of a department. */
export async function removeDepartmentMember({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(memberInput, input);
  return ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(departmentMembers)
      .where(and(eq(departmentMembers.departmentId, data.departmentId), eq(departmentMembers.userId, data.userId)))
      .returning();
    if (removed.length === 0) throw notFound("This user is not in the department");
    await audit(tx, ctx.actor, { action: "department.remove_member", entity: "department", entityId: data.departmentId, before: { userId: data.userId } });
    return data;
  });
}
