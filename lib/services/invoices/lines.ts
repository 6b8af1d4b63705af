import { asc, eq, inArray } from "drizzle-orm";
import type { Conn } from "../../db";
import { invoices, orderItems, services, tariffResources, tariffs, type invoiceLines as invoiceLinesTable } from "../../db/schema";

/** A line as documents show it: the stored invoice line's fields. */
export type InvoiceLine = Pick<
  typeof invoiceLinesTable.$inferSelect,
  "description" | "months" | "periodStart" | "periodEnd" | "domain" | "addons" | "net" | "taxCategory" | "taxName" | "taxRateBp" | "taxAmount" | "total"
>;

type Invoice = typeof invoices.$inferSelect;
const untaxed = (amount: number) => ({ net: amount, taxCategory: "none" as const, taxName: null, taxRateBp: 0, taxAmount: 0, total: amount, periodStart: null, periodEnd: null });

/**
 * The lines of an invoice that has none stored (one the previous release wrote during an upgrade),
 * read from its order or service as that release billed them: untaxed.
 */
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
      ...untaxed(item.price),
      description: tariffName,
      months: item.months,
      domain: item.params.domain ?? item.params.hostname ?? null,
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
    if (row) return [{ ...untaxed(invoice.amount), description: `${row.tariffName}: renewal of service #${invoice.serviceId}`, months: row.months, domain: row.domain, addons: [] }];
  }
  return [{ ...untaxed(invoice.amount), description: invoice.description, months: null, domain: null, addons: [] }];
}
