import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clients, creditNotes, invoiceLines, invoices, payments, serviceHistory, services } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { moneyByMonth, taxByRateByMonth } from "@/lib/services/stats/money-report";
import { churnByMonth, overdueInvoices, recurringRevenue } from "@/lib/services/stats/recurring";
import { dashboardTiles } from "@/lib/services/stats/dashboard";
import { exportList } from "@/app/admin/export/export-list";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser, makeHandler, makeTariff } from "../helpers/factories";
import { testClock } from "../helpers/clock";

/**
 * A known data set, written directly: two clients (USD and EUR), invoices issued and paid in
 * January and February 2026, credit notes, lines with tax, services live and closed. Every figure
 * the reports give is worked out by hand below.
 */
describe("money reports: billed, collected, refunded and tax per month and currency; MRR, churn, overdue", () => {
  let database: TestDatabase;
  let admin: Ctx;
  const db = () => database.db;
  const clock = testClock(new Date("2026-02-20T12:00:00Z"));
  const at = (s: string) => new Date(`${s}Z`);
  let n = 0;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
    const tariffId = (await makeTariff(db(), { handlerIds: [(await makeHandler(db(), { module: "manual" })).id] })).id;
    const [usd] = await db().insert(clients).values({ name: "Usd Ltd", email: "usd@example.test", currency: "USD" }).returning();
    const [eur] = await db().insert(clients).values({ name: "Eur GmbH", email: "eur@example.test", currency: "EUR" }).returning();
    const invoice = async (clientId: number, currency: string, amount: number, tax: number, issued: string, paid: string | null, extra: Partial<typeof invoices.$inferInsert> = {}) => {
      const [row] = await db()
        .insert(invoices)
        .values({
          clientId, kind: "order", amount, subtotal: amount - tax, taxAmount: tax, currency, status: paid ? "paid" : "unpaid", number: `T-${++n}`,
          issuedAt: at(issued), dueAt: at(issued.replace(/T.*/, "T23:59:59")), paidAt: paid ? at(paid) : null, createdAt: at(issued), ...extra,
        })
        .returning();
      await db().insert(invoiceLines).values({
        invoiceId: row!.id, description: "line", net: amount - tax, taxCategory: tax ? "standard" : "none", taxName: tax ? "VAT" : null,
        taxRateBp: tax ? Math.round((tax * 10000) / (amount - tax)) : 0, taxAmount: tax, total: amount,
      });
      return row!;
    };
    // January, USD: 12000 (tax 2000, 20%) paid in January; 6000 untaxed issued in January, paid in February.
    const jan1 = await invoice(usd!.id, "USD", 12000, 2000, "2026-01-10T09:00:00", "2026-01-11T09:00:00");
    await invoice(usd!.id, "USD", 6000, 0, "2026-01-31T23:30:00", "2026-02-01T00:30:00");
    // February, USD: 2400 (tax 400) unpaid and overdue (due 2026-02-05); EUR: 11900 (tax 1900, 19%) paid the same day.
    await invoice(usd!.id, "USD", 2400, 400, "2026-02-05T08:00:00", null);
    await invoice(eur!.id, "EUR", 11900, 1900, "2026-02-14T10:00:00", "2026-02-14T10:05:00");
    // A December invoice, outside a January–February report.
    await invoice(usd!.id, "USD", 999, 0, "2025-12-31T23:59:00", "2025-12-31T23:59:30");
    // February credit notes on January's paid invoice: a refund of 6000 (tax 1000) and a plan change credit of 1200 (tax 200).
    await db().insert(creditNotes).values([
      { clientId: usd!.id, invoiceId: jan1.id, kind: "refund", number: "C-1", issuedAt: at("2026-02-03T10:00:00"), amount: 6000, taxAmount: 1000, currency: "USD" },
      { clientId: usd!.id, invoiceId: jan1.id, kind: "plan_change", number: "C-2", issuedAt: at("2026-02-04T10:00:00"), amount: 1200, taxAmount: 200, currency: "USD" },
    ]);
    await db().insert(payments).values([
      { clientId: usd!.id, method: "stripe", amount: 12000, currency: "USD", reference: "pi_1", createdAt: at("2026-01-11T09:00:00") },
      { clientId: eur!.id, method: "admin", amount: 11900, currency: "EUR", reference: "bank-1", createdAt: at("2026-02-14T10:05:00") },
    ]);
    // Services: USD monthly at 1000, USD yearly renewed at 12000 (1000 a month), EUR quarterly at 3000; one USD closed in February.
    const service = async (clientId: number, status: "active" | "suspended" | "closed", months: number, created: string) =>
      (await db().insert(services).values({ clientId, tariffId, productType: "hosting", status, remoteName: `s${++n}`, months, createdAt: at(created) }).returning())[0]!;
    const monthly = await service(usd!.id, "active", 1, "2025-11-01T00:00:00");
    const yearly = await service(usd!.id, "suspended", 12, "2025-11-01T00:00:00");
    const quarterly = await service(eur!.id, "active", 3, "2025-12-15T00:00:00");
    const closed = await service(usd!.id, "closed", 1, "2025-10-01T00:00:00");
    await invoice(usd!.id, "USD", 1000, 0, "2025-11-01T00:00:00", "2025-11-01T00:00:00", { kind: "renewal", serviceId: monthly.id });
    await invoice(usd!.id, "USD", 12000, 0, "2025-11-01T00:00:00", "2025-11-01T00:00:00", { kind: "renewal", serviceId: yearly.id });
    await invoice(eur!.id, "EUR", 3000, 0, "2025-12-15T00:00:00", "2025-12-15T00:00:00", { kind: "renewal", serviceId: quarterly.id });
    await db().insert(serviceHistory).values({ serviceId: closed.id, fromStatus: "active", toStatus: "closed", message: "Closed", createdAt: at("2026-02-10T00:00:00") });
  });
  afterAll(async () => database.close());

  it("billed, credited, tax, collected and refunded per month and currency", async () => {
    const { months } = await moneyByMonth({ ctx: admin, input: { from: "2026-01", to: "2026-02" } });
    expect(months).toEqual([
      // EUR February: issued and paid 11900, tax 1900.
      { month: "2026-02", currency: "EUR", billed: 11900, credited: 0, tax: 1900, collected: 11900, refunded: 0 },
      // USD February: issued 2400 (tax 400); credit notes 6000 + 1200 (tax 1200); collected the January invoice paid 2026-02-01 (6000); refunded 6000.
      { month: "2026-02", currency: "USD", billed: 2400, credited: 7200, tax: 400 - 1200, collected: 6000, refunded: 6000 },
      // USD January: issued 12000 + 6000 (tax 2000), collected 12000; the December invoice is outside.
      { month: "2026-01", currency: "USD", billed: 18000, credited: 0, tax: 2000, collected: 12000, refunded: 0 },
    ]);
  });

  it("tax per rate from the invoice lines", async () => {
    const rows = await taxByRateByMonth({ ctx: admin, input: { from: "2026-01", to: "2026-02" } });
    expect(rows).toEqual([
      { month: "2026-02", currency: "EUR", taxName: "VAT", rateBp: 1900, net: 10000, tax: 1900 },
      { month: "2026-02", currency: "USD", taxName: "VAT", rateBp: 2000, net: 2000, tax: 400 },
      { month: "2026-01", currency: "USD", taxName: "VAT", rateBp: 2000, net: 10000, tax: 2000 },
      { month: "2026-01", currency: "USD", taxName: null, rateBp: 0, net: 6000, tax: 0 },
    ]);
  });

  it("MRR per currency from each live service's current period price over its months", async () => {
    expect(await recurringRevenue({ ctx: admin })).toEqual([
      { currency: "EUR", mrr: 1000, services: 1 },
      { currency: "USD", mrr: 2000, services: 2 },
    ]);
  });

  it("churn: services closed in the month over those live at its start", async () => {
    const rows = await churnByMonth({ ctx: admin, input: { from: "2026-01", to: "2026-02" } });
    // Live at 1 January and 1 February: the four services (the closed one closed on 10 February).
    expect(rows).toEqual([
      { month: "2026-02", live: 4, closed: 1, churn: 0.25 },
      { month: "2026-01", live: 4, closed: 0, churn: 0 },
    ]);
  });

  it("overdue invoices: unpaid past their due date, with the days overdue", async () => {
    const rows = await overdueInvoices({ ctx: admin });
    expect(rows.map((r) => [r.number, r.amount, r.currency, r.daysOverdue, r.clientName])).toEqual([["T-3", 2400, "USD", 14, "Usd Ltd"]]);
  });

  it("the dashboard's money tile shows this month's billed (net of credit notes) and collected", async () => {
    const tiles = await dashboardTiles({ ctx: admin });
    expect(tiles.moneyThisMonth).toEqual([
      { currency: "EUR", billed: 11900, collected: 11900 },
      { currency: "USD", billed: 2400 - 7200, collected: 6000 },
    ]);
  });

  it("downloads payments and credit notes as CSV; months must be YYYY-MM", async () => {
    const text = async (list: string) => (await exportList(admin, list, new URLSearchParams())).text();
    const pays = (await text("payments")).trimEnd().split("\r\n");
    expect(pays[0]).toBe("ID,Client ID,Client,Method,Amount,Currency,Reference,Received");
    expect(pays.slice(1).map((l) => l.split(",").slice(3, 7))).toEqual([["admin", "11900", "EUR", "bank-1"], ["stripe", "12000", "USD", "pi_1"]]);
    const notes = (await text("credit-notes")).trimEnd().split("\r\n");
    expect(notes.slice(1).map((l) => l.split(",").slice(1, 3).concat(l.split(",").slice(5, 9)))).toEqual([["C-2", "T-1", "plan_change", "1200", "200", "USD"], ["C-1", "T-1", "refund", "6000", "1000", "USD"]]);
    await expect(moneyByMonth({ ctx: admin, input: { from: "2026-13" } })).rejects.toMatchObject({ code: "validation" });
  });
});
