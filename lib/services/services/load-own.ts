import { eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { services } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { requireClientAccess, type Actor } from "../context";

export type ServiceRow = typeof services.$inferSelect;

/**
 * A service the actor may act on: its own client's, or any for staff. Another client's service
 * is "not found", the same answer as a missing one. `lock` takes the row for update.
 */
export async function loadOwnService(conn: Conn, actor: Actor, serviceId: number, lock = false): Promise<ServiceRow> {
  if (actor.type === "anonymous") throw new AppError("unauthorized", "Sign in first");
  const query = conn.select().from(services).where(eq(services.id, serviceId));
  const [service] = lock ? await query.for("update") : await query;
  if (!service) throw notFound("Service not found");
  requireClientAccess(actor, service.clientId);
  return service;
}
