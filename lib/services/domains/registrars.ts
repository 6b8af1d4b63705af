import { and, asc, eq, inArray } from "drizzle-orm";
import type { Conn } from "../../db";
import { handlers, tariffHandlers, tariffs } from "../../db/schema";
import { loadPriceLists } from "../../billing/price-list";
import { modules } from "../../modules/registry";
import { onSale } from "../tariffs/on-sale";

export type Registrar = Pick<typeof handlers.$inferSelect, "id" | "module" | "connection" | "secrets">;

/** A zone the store sells: the domain tariff that sells it, its yearly price, and the handler that answers checks. */
export type Zone = { zone: string; tariffId: number; tariffName: string; price: number; months: number; currency: string; registrar: Registrar | null };

const canCheck = (module: string) => Boolean(modules[module as keyof typeof modules]?.checkAvailability);

/**
 * The handler that checks names for a tariff: its enabled handlers whose module can check, by
 * priority then id (the order the engine prefers them in), or null.
 */
function pick(linked: (Registrar & { tariffId: number; priority: number })[], tariffId: number): Registrar | null {
  const own = linked.filter((h) => h.tariffId === tariffId && canCheck(h.module)).sort((a, b) => a.priority - b.priority || a.id - b.id);
  const [first] = own;
  return first ? { id: first.id, module: first.module, connection: first.connection, secrets: first.secrets } : null;
}

async function enabledHandlers(conn: Conn, tariffIds: number[]) {
  if (tariffIds.length === 0) return [];
  return conn
    .select({ tariffId: tariffHandlers.tariffId, id: handlers.id, module: handlers.module, connection: handlers.connection, secrets: handlers.secrets, priority: handlers.priority })
    .from(tariffHandlers)
    .innerJoin(handlers, eq(handlers.id, tariffHandlers.handlerId))
    .where(and(inArray(tariffHandlers.tariffId, tariffIds), eq(handlers.enabled, true)));
}

/**
 * The zones of the domain tariffs on sale, one entry per zone (the first tariff by id that sells it),
 * priced in `currency` when given (a client's: tariffs with no price in it are left out).
 */
export async function zonesOnSale(conn: Conn, currency?: string | null): Promise<Zone[]> {
  const sold = await conn.select().from(tariffs).where(and(onSale, eq(tariffs.productType, "domain"))).orderBy(asc(tariffs.id));
  const ids = sold.map((t) => t.id);
  const lists = await loadPriceLists(conn, ids);
  const linked = await enabledHandlers(conn, ids);
  const zones = new Map<string, Zone>();
  for (const t of sold) {
    const list = lists.get(t.id)?.get(currency ?? t.currency);
    const price = (list?.prices ?? []).slice().sort((a, b) => Math.abs(a.months - 12) - Math.abs(b.months - 12))[0];
    if (!price) continue;
    for (const zone of t.tlds) {
      if (zones.has(zone)) continue;
      zones.set(zone, { zone, tariffId: t.id, tariffName: t.name, price: price.price, months: price.months, currency: list!.currency, registrar: pick(linked, t.id) });
    }
  }
  return [...zones.values()];
}

/** For each tariff, the handler that checks its names, or nothing when none can. */
export async function registrarsOf(conn: Conn, tariffIds: number[]): Promise<Map<number, Registrar>> {
  const linked = await enabledHandlers(conn, tariffIds);
  const out = new Map<number, Registrar>();
  for (const id of tariffIds) {
    const found = pick(linked, id);
    if (found) out.set(id, found);
  }
  return out;
}
