import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { balanceEntries, clients, emailOutbox, invoiceCounters, invoices, operations, services } from "@/lib/db/schema";
import { RENEWAL_BATCH, runRenewals } from "@/lib/billing/renewals";
import { enqueueOperation } from "@/lib/processing/enqueue";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, makeHandler, makeTariff } from "../helpers/factories";

const PRICE = 700;

/**
 * The renewal sweep works through the due services in batches of RENEWAL_BATCH per transaction:
 * every service of a month's end spanning several batches is charged or invoiced, prolonged or
 * suspended, and emailed once; the invoice numbers stay gapless; a service whose operation is being
 * finished elsewhere is left to the next sweep while the rest of its batch is renewed (PostgreSQL).
 */
describe("renewal sweep in batches", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("a due batch spanning several transactions is charged, invoiced and suspended once", async () => {
    const db = database.db;
    const clock = testClock(new Date("2030-05-20T10:00:00Z"));
    const handler = await makeHandler(db, { module: "ispmanager", connection: { url: "http://127.0.0.1:9", username: "a", password: "b" } });
    const tariff = await makeTariff(db, { handlerIds: [handler.id], price: PRICE });
    const broke = await createClient(db, 0);
    const n = 2 * RENEWAL_BATCH + 7;
    // Each payer holds more than its share of the renewals.
    const funds = (Math.ceil(n / 5) + 2) * PRICE;
    const payers: Awaited<ReturnType<typeof createClient>>[] = [];
    for (let i = 0; i < 5; i++) payers.push(await createClient(db, funds));
    const expiry = new Date(clock.now().getTime() - 60_000);
    // Every fifth service is the broke client's; the rest are spread over clients who can pay.
    let turn = 0;
    const owners = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? broke.id : payers[turn++ % payers.length]!.id));
    const inserted = await db.insert(services).values(owners.map((clientId, i) => ({
      clientId, tariffId: tariff.id, handlerId: handler.id, productType: "hosting" as const, status: "active" as const,
      remoteName: `batch${i}`, remoteId: `batch${i}`, months: 1, expiresAt: expiry,
    }))).returning({ id: services.id, clientId: services.clientId });
    const unpaid = inserted.filter((s) => s.clientId === broke.id).map((s) => s.id);
    const paying = inserted.filter((s) => s.clientId !== broke.id).map((s) => s.id);
    const all = inserted.map((s) => s.id);
    // In the middle of the second batch: a service whose operation another transaction is finishing.
    const busyId = paying.find((id) => all.indexOf(id) > RENEWAL_BATCH + 2)!;
    const busyOp = await enqueueOperation(db, { serviceId: busyId, kind: "sync", params: {}, runAt: new Date("2031-01-01T00:00:00Z") });
    const [counterBefore] = await db.select({ last: sql<number>`coalesce(max(${invoiceCounters.last}), 0)::int` }).from(invoiceCounters);

    if (process.env.DATABASE_URL) {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      const completion = db.transaction(async (tx) => {
        await tx.execute(sql`update operations set updated_at = now() where id = ${busyOp.id}`);
        held();
        await released;
      });
      await holding;
      const first = await runRenewals(db, { clock });
      release();
      await completion;
      expect(first).toMatchObject({ renewed: paying.length - 1, failed: unpaid.length, suspended: unpaid.length, invoiced: unpaid.length });
      const [left] = await db.select().from(services).where(eq(services.id, busyId));
      expect(await db.select().from(balanceEntries).where(eq(balanceEntries.reference, `renewal:${busyId}:${left!.expiresAt!.toISOString()}`))).toHaveLength(0);
      expect((await runRenewals(db, { clock })).renewed).toBe(1);
    } else {
      expect(await runRenewals(db, { clock })).toMatchObject({ renewed: paying.length, failed: unpaid.length, suspended: unpaid.length, invoiced: unpaid.length });
    }
    // A second sweep at the same moment changes nothing.
    expect(await runRenewals(db, { clock })).toMatchObject({ renewed: 0, failed: 0, suspended: 0, invoiced: 0, closed: 0 });

    const charges = await db.select().from(balanceEntries).where(like(balanceEntries.reference, "renewal:%"));
    expect(charges.map((c) => c.reference).sort()).toEqual(paying.map((id) => `renewal:${id}:${expiry.toISOString()}`).sort());
    // Each payer's ledger runs down in steps of the price, and ends at its balance.
    for (const payer of payers) {
      const mine = charges.filter((c) => c.clientId === payer.id).sort((a, b) => a.id - b.id);
      expect(mine.map((c) => c.balanceAfter)).toEqual(mine.map((_, i) => funds - (i + 1) * PRICE));
      const [row] = await db.select().from(clients).where(eq(clients.id, payer.id));
      expect(row!.balance).toBe(funds - mine.length * PRICE);
    }
    const renewalInvoices = await db.select().from(invoices).where(and(eq(invoices.kind, "renewal"), inArray(invoices.serviceId, all)));
    expect(renewalInvoices.filter((i) => i.status === "paid").map((i) => i.serviceId).sort()).toEqual([...paying].sort());
    expect(renewalInvoices.filter((i) => i.status === "unpaid").map((i) => i.serviceId).sort()).toEqual([...unpaid].sort());
    // Gapless: the numbers taken are exactly the counter's steps since the sweep began.
    const [counterAfter] = await db.select({ last: sql<number>`max(${invoiceCounters.last})::int` }).from(invoiceCounters);
    expect(Number(counterAfter!.last) - Number(counterBefore!.last)).toBe(n);
    expect(new Set(renewalInvoices.map((i) => i.number)).size).toBe(n);

    const ops = await db.select().from(operations).where(and(inArray(operations.serviceId, all), inArray(operations.kind, ["prolong", "suspend"])));
    expect(ops.filter((o) => o.kind === "prolong").map((o) => o.serviceId).sort()).toEqual([...paying].sort());
    expect(ops.filter((o) => o.kind === "suspend").map((o) => o.serviceId).sort()).toEqual([...unpaid].sort());
    const mail = await db.select({ key: emailOutbox.dedupeKey }).from(emailOutbox).where(inArray(emailOutbox.clientId, [broke.id, ...payers.map((p) => p.id)]));
    const count = (prefix: string) => mail.filter((m) => m.key.startsWith(prefix)).length;
    expect([count("invoice-issued:"), count("payment-receipt:"), count("renewal-failed:svc:")]).toEqual([n, paying.length, unpaid.length]);
  }, 180_000);
});
