import { and, asc, eq, ne, not, exists } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Conn } from "../../db";
import { handlers, tariffHandlers, tariffs } from "../../db/schema";

export type SoleTariff = { id: number; name: string; published: boolean; sellWithoutHandler: boolean };

/**
 * Tariffs this handler serves that have no other enabled handler: disabling it leaves them with
 * none, so the store stops selling them (unless sold to be set up by hand).
 */
export async function tariffsServedOnlyBy(conn: Conn, handlerId: number): Promise<SoleTariff[]> {
  const other = alias(tariffHandlers, "other_link");
  const otherEnabled = conn
    .select({ one: other.handlerId })
    .from(other)
    .innerJoin(handlers, eq(handlers.id, other.handlerId))
    .where(and(eq(other.tariffId, tariffs.id), ne(other.handlerId, handlerId), eq(handlers.enabled, true)));
  return conn
    .select({ id: tariffs.id, name: tariffs.name, published: tariffs.published, sellWithoutHandler: tariffs.sellWithoutHandler })
    .from(tariffs)
    .innerJoin(tariffHandlers, and(eq(tariffHandlers.tariffId, tariffs.id), eq(tariffHandlers.handlerId, handlerId)))
    .where(not(exists(otherEnabled)))
    .orderBy(asc(tariffs.name), asc(tariffs.id));
}
