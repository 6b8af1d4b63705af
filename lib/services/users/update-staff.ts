import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { departmentMembers, departments, users } from "../../db/schema";
import { conflict, notFound, ValidationError } from "../../errors";
import { audit } from "../audit";
import { actorUserId, parseInput, requireAdmin, type Ctx } from "../context";

export const updateStaffInput = z.object({
  userId: z.coerce.number().int().positive().max(2_147_483_647),
  role: z.enum(["staff", "admin"]),
  departmentIds: z.array(z.coerce.number().int().positive().max(2_147_483_647)).default([]),
});

/** Admins change a staff member's role and departments (the whole set). Nobody changes their own role. */
export async function updateStaffUser({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireAdmin(ctx.actor);
  const { userId, role, departmentIds } = parseInput(updateStaffInput, input);
  return ctx.db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id, role: users.role }).from(users).where(eq(users.id, userId)).for("update");
    if (!user || (user.role !== "staff" && user.role !== "admin")) throw notFound("Staff member not found");
    if (actorUserId(ctx.actor) === userId && role !== user.role) throw conflict("You cannot change your own role");
    const wanted = [...new Set(departmentIds)];
    const found = wanted.length ? await tx.select({ id: departments.id }).from(departments).where(inArray(departments.id, wanted)) : [];
    if (found.length !== wanted.length) throw new ValidationError({ departmentIds: ["Choose existing departments"] });
    const before = (await tx.select({ id: departmentMembers.departmentId }).from(departmentMembers).where(eq(departmentMembers.userId, userId))).map((d) => d.id).sort((a, b) => a - b);
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await tx.delete(departmentMembers).where(eq(departmentMembers.userId, userId));
    if (wanted.length) await tx.insert(departmentMembers).values(wanted.map((departmentId) => ({ departmentId, userId })));
    const after = { role, departmentIds: wanted.sort((a, b) => a - b) };
    await audit(tx, ctx.actor, { action: "user.update_staff", entity: "user", entityId: userId, before: { role: user.role, departmentIds: before }, after });
    return { userId, ...after };
  });
}
