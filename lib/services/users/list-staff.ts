import { and, asc, eq, gt, inArray, isNull } from "drizzle-orm";
import { departmentMembers, departments, users, userTokens } from "../../db/schema";
import { now, requireAdmin, type Ctx } from "../context";

/** Staff and admins with their role, departments, and whether an invitation still waits to be opened. */
export async function listStaff({ ctx }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const staff = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabled: users.disabled, createdAt: users.createdAt })
    .from(users)
    .where(inArray(users.role, ["staff", "admin"]))
    .orderBy(asc(users.name));
  const ids = staff.map((s) => s.id);
  const memberships = ids.length
    ? await ctx.db
        .select({ userId: departmentMembers.userId, id: departments.id, name: departments.name })
        .from(departmentMembers)
        .innerJoin(departments, eq(departments.id, departmentMembers.departmentId))
        .where(inArray(departmentMembers.userId, ids))
        .orderBy(asc(departments.name))
    : [];
  const waiting = ids.length
    ? await ctx.db
        .select({ userId: userTokens.userId })
        .from(userTokens)
        .where(and(inArray(userTokens.userId, ids), eq(userTokens.purpose, "reset_password"), isNull(userTokens.usedAt), gt(userTokens.expiresAt, now(ctx))))
    : [];
  const invited = new Set(waiting.map((w) => w.userId));
  return staff.map((s) => ({
    ...s,
    departments: memberships.filter((m) => m.userId === s.id).map(({ id, name }) => ({ id, name })),
    invitationOpen: invited.has(s.id),
  }));
}

export type StaffView = Awaited<ReturnType<typeof listStaff>>[number];
