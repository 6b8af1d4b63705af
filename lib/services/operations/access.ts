import { sql } from "drizzle-orm";
import type { Conn } from "../../db";
import { rows } from "../../db/rows";
import { forbidden } from "../../errors";
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
