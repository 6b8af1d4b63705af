import { eq } from "drizzle-orm";
import type { Conn } from "../../db";
import { orderItems, orders, tariffs } from "../../db/schema";
import { requireClientAccess, type Actor } from "../context";
import { ValidationError } from "../../errors";
import type { Availability } from "../../modules/contract";
import { getModule } from "../../modules/registry";
import { availability } from "./availability";
import { registrarsOf } from "./registrars";

/** transfer: the name must already be registered (it is brought from another registrar), not free. */
type Line = { tariffId: number; productType: string; domain?: string | null; transfer?: boolean };

/** What the client reads when the registry refuses a name it no longer sells at the standard price. */
export function unavailableMessage(a: Availability): string {
  if (a.status === "taken") return "This domain is no longer available: someone else registered it. Please search for another name.";
  const why = a.reason ? ` (${a.reason})` : "";
  if (a.status === "premium") return `This domain is a premium name${why}: it is not sold at the standard price. Please contact us.`;
  return `This domain is reserved by the registry${why} and cannot be registered.`;
}

/**
 * Asks the registrar afresh, before any money moves, whether each domain registration can still
 * go ahead, and refuses taken, reserved or premium names with the field of their item. A registry
 * that does not answer stops nothing: the registration itself has the last word.
 */
export async function assertRegistrable(conn: Conn, lines: Line[], at: Date, field = (i: number) => `items.${i}.params.domain`): Promise<void> {
  const wanted = lines.map((l, i) => ({ ...l, i })).filter((l) => l.productType === "domain" && l.domain);
  if (wanted.length === 0) return;
  const registrars = await registrarsOf(conn, [...new Set(wanted.map((l) => l.tariffId))]);
  const fields: Record<string, string[]> = {};
  for (const [handlerId, registrar] of new Map([...registrars.values()].map((r) => [r.id, r]))) {
    const mine = wanted.filter((l) => registrars.get(l.tariffId)?.id === handlerId);
    // A registrar whose interface cannot take a transfer in (Webnames) refuses it here, before any money moves.
    if (!getModule(registrar.module).transfersIn) {
      for (const l of mine.filter((m) => m.transfer)) fields[field(l.i)] = ["This zone's registrar does not take transfers here: ask support to move the domain."];
    }
    const answers = await availability(registrar, mine.map((l) => l.domain!), at, true);
    for (const [k, a] of answers.entries()) {
      const line = mine[k]!;
      if (line.transfer) {
        if (a.status === "available") fields[field(line.i)] = ["This domain is not registered yet: register it instead of transferring it."];
      } else if (a.status !== "available" && a.status !== "unknown") fields[field(line.i)] = [unavailableMessage(a)];
    }
  }
  if (Object.keys(fields).length > 0) throw new ValidationError(fields, Object.values(fields)[0]![0]);
}

/** The same, for an unpaid order about to be paid; others (paid, cancelled) are left to the payment's own checks. */
export async function assertOrderRegistrable(conn: Conn, actor: Actor, orderId: number, at: Date): Promise<void> {
  const [order] = await conn.select().from(orders).where(eq(orders.id, orderId));
  if (!order || order.status !== "unpaid") return;
  requireClientAccess(actor, order.clientId);
  const items = await conn
    .select({ tariffId: orderItems.tariffId, params: orderItems.params, productType: tariffs.productType })
    .from(orderItems)
    .innerJoin(tariffs, eq(tariffs.id, orderItems.tariffId))
    .where(eq(orderItems.orderId, orderId))
    .orderBy(orderItems.id);
  await assertRegistrable(conn, items.map((i) => ({ tariffId: i.tariffId, productType: i.productType, domain: i.params.domain, transfer: i.params.transfer === true })), at);
}
