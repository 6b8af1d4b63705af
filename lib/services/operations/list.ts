import { and, desc, eq, gt, gte, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Conn } from "../../db";
import { clients, handlers, operations, services, tariffs, tasks } from "../../db/schema";
import { moduleKinds, operationKinds, operationStatuses } from "../../vocabulary";
import { readSettings } from "../../settings";
import { now, parseInput, requireStaff, type Ctx } from "../context";
import { page, idFilter, limitFilter, dateFilter } from "../page";
import { operationState } from "./state";

export const listOperationsInput = z.object({
  /** A status, or "failing": queued again after a failed attempt, with its next try at run_at. */
  status: z.enum([...operationStatuses, "failing"]).optional(),
  kind: z.enum(operationKinds).optional(),
  module: z.enum(moduleKinds).optional(),
  handlerId: idFilter().optional(),
  clientId: idFilter().optional(),
  /** Created at or after: a date (from its start, UTC) or a date-time. */
  from: dateFilter().optional(),
  /** Created before: a date counts as the whole day (UTC), a date-time is exclusive. */
  to: dateFilter().optional(),
  /** The id of the last operation of the previous page (keyset: id descending). */
  cursor: idFilter().optional(),
  limit: limitFilter(200, 50),
});
export type ListOperationsInput = z.input<typeof listOperationsInput>;

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);
const dayAfter = (s: string) => new Date(Date.parse(`${s}T00:00:00Z`) + 86_400_000);

/** The handler an operation runs on: its own once attempted, else the one its service is bound to. */
const handlerOf = sql`coalesce(${operations.handlerId}, ${services.handlerId})`;

/** The query behind the list, exported so tests can EXPLAIN it. */
export function operationsQuery(conn: Conn, data: z.infer<typeof listOperationsInput>) {
  const where: (SQL | undefined)[] = [
    data.status === "failing"
      ? and(eq(operations.status, "queued"), gt(operations.attempts, 0), isNotNull(operations.lastError))
      : data.status ? eq(operations.status, data.status) : undefined,
    data.kind ? eq(operations.kind, data.kind) : undefined,
    data.handlerId ? or(eq(operations.handlerId, data.handlerId), and(isNull(operations.handlerId), eq(services.handlerId, data.handlerId))) : undefined,
    data.module ? eq(handlers.module, data.module) : undefined,
    data.clientId ? eq(services.clientId, data.clientId) : undefined,
    data.from ? gte(operations.createdAt, new Date(isDay(data.from) ? `${data.from}T00:00:00Z` : data.from)) : undefined,
    data.to ? lt(operations.createdAt, isDay(data.to) ? dayAfter(data.to) : new Date(data.to)) : undefined,
    data.cursor ? lt(operations.id, data.cursor) : undefined,
  ];
  return conn
    .select({
      id: operations.id,
      kind: operations.kind,
      status: operations.status,
      attempts: operations.attempts,
      lastError: operations.lastError,
      runAt: operations.runAt,
      createdAt: operations.createdAt,
      finishedAt: operations.finishedAt,
      doneBy: operations.doneBy,
      serviceId: services.id,
      serviceName: services.remoteName,
      serviceParams: services.params,
      tariffName: tariffs.name,
      serviceStatus: services.status,
      clientId: clients.id,
      clientName: clients.name,
      handlerId: handlers.id,
      handlerName: handlers.name,
      module: handlers.module,
      taskId: tasks.id,
      taskStatus: tasks.status,
    })
    .from(operations)
    .innerJoin(services, eq(services.id, operations.serviceId))
    .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
    .innerJoin(clients, eq(clients.id, services.clientId))
    .leftJoin(handlers, eq(handlers.id, handlerOf))
    .leftJoin(tasks, eq(tasks.operationId, operations.id))
    .where(and(...where))
    .orderBy(desc(operations.id))
    .limit(data.limit + 1);
}

/** Current operations, newest first, filtered, a page at a time (keyset on the id). */
export async function listOperations({ ctx, input }: { ctx: Ctx; input?: unknown }) {
  requireStaff(ctx.actor);
  const data = parseInput(listOperationsInput, input ?? {});
  const rows = await operationsQuery(ctx.db, data);
  const { maxAttempts } = await readSettings(ctx.db);
  const { items, nextCursor } = page(rows, data.limit);
  return { items: items.map((op) => ({ ...op, ...operationState(op, maxAttempts, now(ctx)) })), nextCursor, maxAttempts };
}

export type OperationRow = Awaited<ReturnType<typeof listOperations>>["items"][number];
