import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Conn, Tx } from "../../db";
import { rows } from "../../db/rows";
import { operations } from "../../db/schema";
import { forbidden, notFound } from "../../errors";
import { isAdmin, requireStaff, type Actor } from "../context";

/**
 * Staff act on an operation of their own departments only: the department of its task, or of the
 * handler its service is bound to. Admins (and the system) act on any.
 */
export async function requireOperationAccess(conn: Conn, actor: Actor, op: { id: number; serviceId: number }): Promise<void> {
  requireStaff(actor);
  if (isAdmin(actor) || actor.type !== "user") return;
  const [mine] = await rows<{ ok: number }>(
    conn,
    sql`select 1 as ok from department_members m
        where m.user_id = ${actor.userId} and m.department_id in (
          select department_id from tasks where operation_id = ${op.id}
          union
          select h.department_id from services s join handlers h on h.id = s.handler_id where s.id = ${op.serviceId})
        limit 1`,
  );
  if (!mine) throw forbidden("This operation belongs to another department");
}

export const operationIdInput = z.object({ operationId: z.number().int().positive().max(2 ** 31 - 1) });

/** Locks an operation for a staff verb: 404 when it does not exist, 403 for another department's. */
export async function lockOperation(tx: Tx, actor: Actor, operationId: number) {
  const [op] = await tx.select().from(operations).where(eq(operations.id, operationId)).for("update");
  if (!op) throw notFound("Operation not found");
  await requireOperationAccess(tx, actor, op);
  return op;
}
