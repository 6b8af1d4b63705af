import { asc, eq, inArray, sql } from "drizzle-orm";
import { departmentMembers, departments, users } from "../../db/schema";
import { readSettings } from "../../settings";
import { requireAdmin, type Ctx } from "../context";

/** Departments with their members and handlers, and every staff user (to add to one). */
export async function listDepartments({ ctx }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const list = await ctx.db
    .select({
      department: departments,
      handlers: sql<number>`(select count(*)::int from handlers h where h.department_id = ${departments.id})`,
      openTasks: sql<number>`(select count(*)::int from tasks t where t.department_id = ${departments.id} and t.status in ('new', 'in_progress'))`,
    })
    .from(departments)
    .orderBy(asc(departments.name));
  const members = await ctx.db
    .select({ departmentId: departmentMembers.departmentId, userId: users.id, name: users.name, email: users.email, role: users.role })
    .from(departmentMembers)
    .innerJoin(users, eq(users.id, departmentMembers.userId))
    .orderBy(asc(users.name));
  const staff = await ctx.db
    .select({ id: users.id, name: users.name, email: users.email, role: users.role, disabled: users.disabled })
    .from(users)
    .where(inArray(users.role, ["staff", "admin"]))
    .orderBy(asc(users.name));
  const { defaultDepartmentId } = await readSettings(ctx.db);
  return {
    departments: list.map((d) => ({
      ...d.department,
      handlers: Number(d.handlers),
      openTasks: Number(d.openTasks),
      isDefault: d.department.id === defaultDepartmentId,
      members: members.filter((m) => m.departmentId === d.department.id).map(({ departmentId: _d, ...m }) => m),
    })),
    staff,
  };
}

export type DepartmentView = Awaited<ReturnType<typeof listDepartments>>["departments"][number];
