import { asc, eq, inArray } from "drizzle-orm";
import type { Conn } from "../../db";
import { invoices, orderItems, services, tariffResources, tariffs } from "../../db/schema";

export type InvoiceLine = { description: string; period: number; addons: { label: string; units: number; unit: string }[]; domain: string | null; amount: number };

type Invoice = typeof invoices.$inferSelect;

/** An invoice's lines: each ordered tariff with its period, add-on units and domain; a renewal's one line. */
export async function invoiceLines(conn: Conn, invoice: Invoice): Promise<InvoiceLine[]> {
  if (invoice.orderId) {
    const items = await conn
      .select({ item: orderItems, tariffName: tariffs.name })
      .from(orderItems)
      .innerJoin(tariffs, eq(tariffs.id, orderItems.tariffId))
      .where(eq(orderItems.orderId, invoice.orderId))
      .orderBy(asc(orderItems.id));
    const ids = [...new Set(items.map((i) => i.item.tariffId))];
    const resources = ids.length ? await conn.select().from(tariffResources).where(inArray(tariffResources.tariffId, ids)) : [];
    return items.map(({ item, tariffName }) => ({
      description: tariffName,
      period: item.months,
      domain: item.params.domain ?? item.params.hostname ?? null,
      amount: item.price,
      addons: Object.entries(item.addons).filter(([, n]) => n > 0).map(([key, units]) => {
        const r = resources.find((x) => x.tariffId === item.tariffId && x.key === key);
        return { label: r?.label ?? key, units, unit: r?.unit ?? "" };
      }),
    }));
  }
  if (invoice.serviceId) {
    const [row] = await conn
      .select({ months: services.months, domain: services.domain, tariffName: tariffs.name })
      .from(services)
      .innerJoin(tariffs, eq(tariffs.id, services.tariffId))
      .where(eq(services.id, invoice.serviceId));
    if (row) return [{ description: `${row.tariffName}: renewal of service #${invoice.serviceId}`, period: row.months, domain: row.domain, amount: invoice.amount, addons: [] }];
  }
  return [{ description: invoice.description, period: 0, domain: null, amount: invoice.amount, addons: [] }];
}
