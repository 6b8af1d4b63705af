import { asc, eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { handlers, tariffHandlers } from "../../db/schema";

type Op = { status: string; handlerId: number | null };
type Task = { reason: string } | null;

/**
 * Why an operation of a service not yet bound to a handler has none: the tariff has no
 * processing module, all of them are disabled, or all enabled ones are at their max running
 * operations. Null once a handler is chosen or while the runner simply has not got to it.
 */
export async function whyNoHandler(conn: Conn, input: { tariffId: number; serviceHandlerId: number | null; op: Op; task: Task }): Promise<string | null> {
  if (input.op.handlerId !== null || input.serviceHandlerId !== null) return null;
  const list = await conn
    .select({ name: handlers.name, enabled: handlers.enabled, running: handlers.running, maxRunning: handlers.maxRunning })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(eq(tariffHandlers.tariffId, input.tariffId))
    .orderBy(asc(handlers.name));
  const enabled = list.filter((h) => h.enabled);
  if (list.length === 0) return "The tariff has no processing module, so nothing could set this up automatically.";
  if (enabled.length === 0) {
    return `Every processing module of the tariff is disabled (${list.map((h) => h.name).join(", ")}): disabled modules take no new services.`;
  }
  if (input.task?.reason === "no_handler") {
    return `No enabled processing module was available when it ran; enabled now: ${enabled.map((h) => h.name).join(", ")}. Restart to try them.`;
  }
  if (["queued", "waiting"].includes(input.op.status) && enabled.every((h) => h.running >= h.maxRunning)) {
    return `All enabled processing modules are busy at their max running operations (${enabled.map((h) => `${h.name}: ${h.running} of ${h.maxRunning}`).join(", ")}); it is tried again shortly.`;
  }
  return null;
}
