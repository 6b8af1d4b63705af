import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { invoiceLines, invoices, orderItems, orders, services } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff } from "../helpers/factories";

/** Migration 0020 gives invoices issued before tax their lines, as they were billed: untaxed. */
describe("invoice lines backfill (0020)", () => {
  let database: TestDatabase;
  const db = () => database.db;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("an order's invoice gets a line per item with its add-ons, a renewal's one line, any other its description; subtotal = amount", async () => {
    const handler = await makeHandler(db(), { module: "manual", productType: "hosting" });
    const tariff = await makeTariff(db(), { handlerIds: [handler.id], price: 700 });
    const client = await createClient(db());
    // Rows as the previous release wrote them: no lines, no subtotal.
    const [order] = await db().insert(orders).values({ clientId: client.id, total: 1900, currency: "USD" }).returning();
    await db().insert(orderItems).values([
      { orderId: order!.id, tariffId: tariff.id, months: 1, addons: { disk: 2 }, params: { domain: "old.example" }, price: 900 },
      { orderId: order!.id, tariffId: tariff.id, months: 12, addons: {}, params: {}, price: 1000 },
    ]);
    const [orderInvoice] = await db().insert(invoices).values({ clientId: client.id, kind: "order", orderId: order!.id, amount: 1900, currency: "USD", description: "Order" }).returning();
    const [service] = await db().insert(services).values({ clientId: client.id, tariffId: tariff.id, productType: "hosting", remoteName: "x", months: 3, resources: {}, domain: "svc.example" }).returning();
    const [renewal] = await db().insert(invoices).values({ clientId: client.id, kind: "renewal", serviceId: service!.id, amount: 2100, currency: "USD", description: "Renewal of service" }).returning();
    const statements = readFileSync(join(import.meta.dirname, "../../drizzle/0020_tax_and_invoice_lines.sql"), "utf8").split("--> statement-breakpoint");
    const backfill = statements.slice(statements.findIndex((s) => s.includes("Invoices issued before tax")));
    expect(backfill).toHaveLength(4);
    for (const statement of backfill) await db().execute(sql.raw(statement));
    const lines = async (invoiceId: number) => db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoiceId)).orderBy(asc(invoiceLines.position));
    expect((await lines(orderInvoice!.id)).map((l) => [l.position, l.description, l.months, l.domain, l.addons, l.net, l.taxAmount, l.total, l.taxCategory])).toEqual([
      [0, tariff.name, 1, "old.example", [{ label: "Disk", units: 2, unit: "GiB" }], 900, 0, 900, "none"],
      [1, tariff.name, 12, null, [], 1000, 0, 1000, "none"],
    ]);
    expect((await lines(renewal!.id)).map((l) => [l.description, l.months, l.domain, l.serviceId, l.total])).toEqual([["Renewal of service", 3, "svc.example", service!.id, 2100]]);
    const after = await db().select().from(invoices).where(eq(invoices.clientId, client.id)).orderBy(asc(invoices.id));
    expect(after.map((i) => [i.subtotal, i.taxAmount, i.amount])).toEqual([[1900, 0, 1900], [2100, 0, 2100]]);
  });
});
