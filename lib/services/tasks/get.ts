import { and, asc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { clients, departmentMembers, departments, handlers, operationAttempts, operations, services, tariffs, tasks, users } from "../../db/schema";
import { notFound } from "../../errors";
import { getModule } from "../../modules/registry";
import { isAdmin, parseInput, requireStaff, type Ctx } from "../context";
import { requireTaskDepartment } from "./access";
import { closingFields } from "./prefill";
import { taskIdInput } from "./take";

const assignee = alias(users, "assignee");
const closer = alias(users, "closer");

/**
 * One task with what staff need to do it: the service (no secrets), tariff, handler, the operation
 * with its attempts' log, the client's contact, and the closing form of the handler's module.
 */
export async function getTask({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { taskId } = parseInput(taskIdInput, input);
  const [row] = await ctx.db
    .select({
      task: tasks,
      operation: operations,
      service: services,
      tariff: { id: tariffs.id, name: tariffs.name, template: tariffs.template },
      client: { id: clients.id, name: clients.name, email: clients.email, company: clients.company, phone: clients.phone, country: clients.country, city: clients.city, address: clients.address },
      department: { id: departments.id, name: departments.name },
      assignee: { id: assignee.id, name: assignee.name },
      closedBy: { id: closer.id, name: closer.name },
    })
    .from(tasks)
    .innerJoin(operations, eq(operations.id, tasks.operationId))
    .innerJoin(services, eq(services.id, tasks.serviceId))
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .leftJoin(departments, eq(departments.id, tasks.departmentId))
    .leftJoin(assignee, eq(assignee.id, tasks.assigneeId))
    .leftJoin(closer, eq(closer.id, tasks.closedById))
    .where(eq(tasks.id, taskId));
  if (!row) throw notFound("Task not found");
  await requireTaskDepartment(ctx.db, ctx.actor, row.task);
  const { secrets: _secrets, ...service } = row.service;
  const handlerId = row.service.handlerId ?? row.operation.handlerId;
  const [handler] = handlerId
    ? await ctx.db
        .select({ id: handlers.id, name: handlers.name, module: handlers.module, dataCenter: handlers.dataCenter, enabled: handlers.enabled, connection: handlers.connection })
        .from(handlers)
        .where(eq(handlers.id, handlerId))
    : [];
  const attempts = await ctx.db
    .select()
    .from(operationAttempts)
    .where(eq(operationAttempts.operationId, row.operation.id))
    .orderBy(asc(operationAttempts.number), asc(operationAttempts.id));
  const open = (row.task.status === "new" || row.task.status === "in_progress") && row.operation.status === "manual";
  const { connection, ...handlerShown } = handler ?? { connection: null };
  return {
    ...row,
    service,
    handler: handler ? (handlerShown as Omit<typeof handler, "connection">) : null,
    attempts,
    /** The closing form, prefilled with what is known (closeTask asks for the same fields: only a set-up has any). */
    formFields: closingFields(getModule(handler?.module ?? "manual").serviceFields, { kind: row.operation.kind, service: row.service, handlerConnection: connection }),
    canClose: open,
    canRestart: open && row.task.reason !== "manual_handler",
    assignees: isAdmin(ctx.actor) ? await assigneesFor(ctx, row.task.departmentId) : [],
  };
}

/** Who an admin can give the task to: the department's staff and the admins. */
function assigneesFor(ctx: Ctx, departmentId: number | null) {
  return ctx.db
    .selectDistinct({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .leftJoin(departmentMembers, and(eq(departmentMembers.userId, users.id), departmentId === null ? undefined : eq(departmentMembers.departmentId, departmentId)))
    .where(
      and(
        eq(users.disabled, false),
        inArray(users.role, ["staff", "admin"]),
        or(eq(users.role, "admin"), departmentId === null ? undefined : isNotNull(departmentMembers.userId)),
      ),
    )
    .orderBy(asc(users.name));
}

export type TaskDetail = Awaited<ReturnType<typeof getTask>>;
