import { eq } from "drizzle-orm";
import { z } from "zod";
import { departmentMembers, departments, users } from "../../db/schema";
import { notFound, ValidationError } from "../../errors";
import { audit } from "../audit";
import { parseInput, requireAdmin, type Ctx } from "../context";

export const memberInput = z.object({
  departmentId: z.coerce.number().int().positive().max(2_147_483_647),
  userId: z.coerce.number().int().positive().max(2_147_483_647),
});

/** An admin adds a staff member (or admin) to a department; adding one twice changes nothing. */
export async function addDepartmentMember({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const data = parseInput(memberInput, input);
  return ctx.db.transaction(async (tx) => {
    const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, data.departmentId));
    if (!department) throw notFound("Department not found");
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, data.userId));
    if (!user) throw notFound("User not found");
    if (user.role === "client") throw new ValidationError({ userId: ["Only staff members can join a department"] });
    const [added] = await tx.insert(departmentMembers).values(data).onConflictDoNothing().returning();
    if (added) await audit(tx, ctx.actor, { action: "department.add_member", entity: "department", entityId: data.departmentId, after: { userId: data.userId } });
    return { ...data, added: Boolean(added) };
  });
}
