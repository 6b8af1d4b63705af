import { and, desc, eq, gt, inArray, lt, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { clients, departments, operations, services, tariffs, tasks, users } from "../../db/schema";
import { taskStatuses } from "../../vocabulary";
import { forbidden, ValidationError } from "../../errors";
import { parseInput, requireStaff, type Ctx } from "../context";
import { departmentsOf } from "./access";
import { page, idFilter, limitFilter } from "../page";

export const listTasksInput = z.object({
  departmentId: idFilter().optional(),
  status: z.enum(taskStatuses).optional(),
  /** Only the tasks the acting staff member holds. */
  mine: z.union([z.boolean(), z.stringbool()]).optional(),
  /** The nextCursor of the previous page: tasks come newest first. */
  cursor: idFilter().optional(),
  /** Only tasks closed (done or cancelled) after this moment: the board's Cancelled lane keeps a day. */
  closedAfter: z.coerce.date().optional(),
  limit: limitFilter(200, 50),
});
export type ListTasksInput = z.input<typeof listTasksInput>;

const assignee = alias(users, "assignee");

/** Tasks of the departments the actor belongs to (admins: every department), newest first, a page at a time. */
export async function listTasks({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const data = parseInput(listTasksInput, input ?? {});
  const allowed = await departmentsOf(ctx.db, ctx.actor);
  if (data.departmentId && allowed !== "all" && !allowed.includes(data.departmentId)) {
    throw forbidden("You are not a member of this department");
  }
  if (data.mine && ctx.actor.type !== "user") throw new ValidationError({ mine: ["Only a signed-in staff member holds tasks"] });
  if (allowed !== "all" && allowed.length === 0) return { items: [], nextCursor: null };
  const where: (SQL | undefined)[] = [
    allowed === "all" ? undefined : inArray(tasks.departmentId, allowed),
    data.departmentId ? eq(tasks.departmentId, data.departmentId) : undefined,
    data.status ? eq(tasks.status, data.status) : undefined,
    data.mine && ctx.actor.type === "user" ? eq(tasks.assigneeId, ctx.actor.userId) : undefined,
    data.cursor ? lt(tasks.id, data.cursor) : undefined,
    data.closedAfter ? gt(tasks.closedAt, data.closedAfter) : undefined,
  ];
  const rows = await ctx.db
    .select({
      id: tasks.id,
      status: tasks.status,
      reason: tasks.reason,
      note: tasks.note,
      createdAt: tasks.createdAt,
      takenAt: tasks.takenAt,
      closedAt: tasks.closedAt,
      department: { id: departments.id, name: departments.name },
      assignee: { id: assignee.id, name: assignee.name },
      service: { id: services.id, status: services.status, productType: services.productType, remoteName: services.remoteName, params: services.params, tariffName: tariffs.name },
      client: { id: clients.id, name: clients.name },
      operation: { id: operations.id, kind: operations.kind, status: operations.status, attempts: operations.attempts, lastError: operations.lastError, doneBy: operations.doneBy },
    })
    .from(tasks)
    .innerJoin(operations, eq(operations.id, tasks.operationId))
    .innerJoin(services, eq(services.id, tasks.serviceId))
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .leftJoin(departments, eq(departments.id, tasks.departmentId))
    .leftJoin(assignee, eq(assignee.id, tasks.assigneeId))
    .where(and(...where))
    .orderBy(desc(tasks.id))
    .limit(data.limit + 1);
  return page(rows, data.limit);
}

export type TaskListItem = Awaited<ReturnType<typeof listTasks>>["items"][number];
