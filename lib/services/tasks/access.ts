import { eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { departmentMembers, tasks, users } from "../../db/schema";
import { forbidden, notFound } from "../../errors";
import { isAdmin, type Actor } from "../context";

type Task = typeof tasks.$inferSelect;

/** The departments whose tasks an actor may see: "all" for admins, the member departments for staff. */
export async function departmentsOf(conn: Conn, actor: Actor): Promise<number[] | "all"> {
  if (isAdmin(actor)) return "all";
  if (actor.type !== "user") return [];
  const rows = await conn
    .select({ id: departmentMembers.departmentId })
    .from(departmentMembers)
    .where(eq(departmentMembers.userId, actor.userId));
  return rows.map((r) => r.id);
}

export async function requireTaskDepartment(conn: Conn, actor: Actor, task: Pick<Task, "departmentId">): Promise<void> {
  const allowed = await departmentsOf(conn, actor);
  if (allowed === "all") return;
  if (task.departmentId === null || !allowed.includes(task.departmentId)) throw forbidden("This task belongs to another department");
}

/** Locks a task row for a change by the actor; not found, or forbidden for another department's staff. */
export async function lockTask(conn: Conn, actor: Actor, taskId: number): Promise<Task> {
  const [task] = await conn.select().from(tasks).where(eq(tasks.id, taskId)).for("update");
  if (!task) throw notFound("Task not found");
  await requireTaskDepartment(conn, actor, task);
  return task;
}

export async function userName(conn: Conn, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const [row] = await conn.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

/** Why a closed task cannot change: "This task was already closed by Ann". */
export async function closedMessage(conn: Conn, task: Task): Promise<string> {
  const by = await userName(conn, task.closedById);
  return `This task was already ${task.status === "done" ? "closed" : "cancelled"}${by ? ` by ${by}` : ""}`;
}
