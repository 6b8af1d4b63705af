import { and, asc, count, eq, inArray, isNotNull } from "drizzle-orm";
import { departmentMembers, departments, handlers, tasks, users } from "../../db/schema";
import { readSettings } from "../../settings";
import { requireAdmin, type Ctx } from "../context";
import { departmentView } from "./create";

/** Departments with their members and handlers, and every staff user (to add to one). */
export async function listDepartments({ ctx }: { ctx: Ctx; input?: unknown }) {
  requireAdmin(ctx.actor);
  const list = await ctx.db
    .select({ department: departments })
    .from(departments)
    .orderBy(asc(departments.name));
  const handlerCounts = await ctx.db
    .select({ departmentId: handlers.departmentId, n: count() })
    .from(handlers)
    .where(isNotNull(handlers.departmentId))
    .groupBy(handlers.departmentId);
  const taskCounts = await ctx.db
    .select({ departmentId: tasks.departmentId, n: count() })
    .from(tasks)
    .where(and(isNotNull(tasks.departmentId), inArray(tasks.status, ["new", "in_progress"])))
    .groupBy(tasks.departmentId);
  const handlersOf = new Map(handlerCounts.map((c) => [c.departmentId, Number(c.n)]));
  const tasksOf = new Map(taskCounts.map((c) => [c.departmentId, Number(c.n)]));
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
      ...departmentView(d.department),
      handlers: handlersOf.get(d.department.id) ?? 0,
      openTasks: tasksOf.get(d.department.id) ?? 0,
      isDefault: d.department.id === defaultDepartmentId,
      members: members.filter((m) => m.departmentId === d.department.id).map(({ departmentId: _d, ...m }) => m),
    })),
    staff,
  };
}

export type DepartmentView = Awaited<ReturnType<typeof listDepartments>>["departments"][number];
