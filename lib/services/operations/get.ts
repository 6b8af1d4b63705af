import { asc, eq, sql } from "drizzle-orm";
import { clients, handlers, operationAttempts, operations, services, tariffs, tasks } from "../../db/schema";
import { notFound } from "../../errors";
import { now, parseInput, requireStaff, type Ctx } from "../context";
import { readSettings } from "../../settings";
import { operationIdInput } from "./access";
import { operationActions, operationState } from "./state";
import { whyNoHandler } from "./why-no-handler";

/** One operation with its service, client, handler, task and every attempt's (redacted) log. */
export async function getOperation({ ctx, input }: { ctx: Ctx; input: unknown }) {
  requireStaff(ctx.actor);
  const { operationId } = parseInput(operationIdInput, input);
  const [row] = await ctx.db
    .select({
      operation: operations,
      service: { id: services.id, status: services.status, remoteName: services.remoteName, params: services.params, productType: services.productType, pending: services.pending, handlerId: services.handlerId },
      tariff: { id: tariffs.id, name: tariffs.name },
      client: { id: clients.id, name: clients.name, email: clients.email },
      handler: { id: handlers.id, name: handlers.name, module: handlers.module },
      task: { id: tasks.id, status: tasks.status, reason: tasks.reason, departmentId: tasks.departmentId },
    })
    .from(operations)
    .innerJoin(services, eq(services.id, operations.serviceId))
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .leftJoin(handlers, eq(handlers.id, sql`coalesce(${operations.handlerId}, ${services.handlerId})`))
    .leftJoin(tasks, eq(tasks.operationId, operations.id))
    .where(eq(operations.id, operationId));
  if (!row) throw notFound("Operation not found");
  const attempts = await ctx.db
    .select({ attempt: operationAttempts, handlerName: handlers.name })
    .from(operationAttempts)
    .leftJoin(handlers, eq(handlers.id, operationAttempts.handlerId))
    .where(eq(operationAttempts.operationId, operationId))
    .orderBy(asc(operationAttempts.id));
  const { leaseToken: _lease, ...operation } = row.operation;
  const task = row.task?.id ? row.task : null;
  const { maxAttempts } = await readSettings(ctx.db);
  return {
    ...row,
    operation,
    state: operationState(operation, maxAttempts, now(ctx)),
    actions: operationActions(operation.status),
    noHandlerReason: await whyNoHandler(ctx.db, { tariffId: row.tariff.id, serviceHandlerId: row.service.handlerId, op: operation, task }),
    handler: row.handler?.id ? row.handler : null,
    task,
    attempts: attempts.map((a) => ({ ...a.attempt, handlerName: a.handlerName })),
  };
}

export type OperationDetail = Awaited<ReturnType<typeof getOperation>>;
