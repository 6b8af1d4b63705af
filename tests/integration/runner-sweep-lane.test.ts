import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, like, sql } from "drizzle-orm";
import { balanceEntries, emailOutbox, invoices, operations, services } from "@/lib/db/schema";
import { runRenewals, type RenewalSummary } from "@/lib/billing/renewals";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { startRunner } from "@/lib/processing/runner";
import { sweepOperations } from "@/lib/processing/sweep";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

async function waitFor(check: () => Promise<boolean>) {
  while (!(await check())) await new Promise((r) => setTimeout(r, 25));
}

const PRICE = 500;
const EACH = 6;

/**
 * The runner's periodic sweeps run in their own lane: a new order paid while the renewal sweep of
 * a month's end is still running is claimed and carried out before that sweep ends, and the due
 * batch is charged, invoiced and suspended exactly once.
 */
describe("runner: the sweeps' own lane", () => {
  let sim: IspmanagerSimulator;
  let database: TestDatabase;
  beforeAll(async () => {
    sim = await startIspmanagerSimulator();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
    await sim.close();
  });

  it("a new order paid during the sweep is active before the sweep ends; the due batch is handled once", async () => {
    const db = database.db;
    const clock = testClock(new Date("2030-03-10T10:00:00Z"));
    const handler = await makeHandler(db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(db, { handlerIds: [handler.id], price: PRICE });
    // One client pays its renewals from the balance, the other's balance is empty when they fall due.
    const payer = await createClient(db, 100_000);
    const broke = await createClient(db, EACH * PRICE);
    const paying: number[] = [];
    const unpaid: number[] = [];
    for (let i = 0; i < EACH; i++) {
      paying.push((await orderAndPay(db, payer.id, tariff.id, {}, clock)).id);
      unpaid.push((await orderAndPay(db, broke.id, tariff.id, {}, clock)).id);
    }
    await sweepOperations(db, { clock });
    const due = await db.select().from(services).where(inArray(services.id, [...paying, ...unpaid]));
    expect(due.every((s) => s.status === "active")).toBe(true);
    const expiry = due[0]!.expiresAt!;
    clock.set(new Date(expiry.getTime() + 1000));

    const events: string[] = [];
    let renewed!: (s: RenewalSummary) => void;
    const renewals = new Promise<RenewalSummary>((r) => (renewed = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const runner = await startRunner(database, {
      clock, pollMs: 50, concurrency: 8,
      // The renewals, then the sweep is held open (as a long month's end is) until the test lets it end.
      sweep: async (sweepDb, sweepClock) => {
        events.push("sweep started");
        renewed(await runRenewals(sweepDb, { clock: sweepClock }));
        events.push("renewals queued");
        await gate;
        events.push("sweep ended");
      },
    });
    let fresh: number;
    try {
      const summary = await renewals;
      expect(summary).toMatchObject({ renewed: EACH, failed: EACH, suspended: EACH, invoiced: EACH });
      fresh = (await orderAndPay(db, payer.id, tariff.id, {}, clock)).id;
      await waitFor(async () => (await db.select().from(services).where(eq(services.id, fresh)))[0]!.status === "active");
      events.push("new order active");
      release();
      // The batch's prolongs and suspensions are carried out on the panel.
      await waitFor(async () => {
        const [left] = await db.select({ n: sql<number>`count(*)::int` }).from(operations)
          .where(and(inArray(operations.serviceId, [...paying, ...unpaid]), inArray(operations.status, ["queued", "running", "waiting"])));
        return Number(left!.n) === 0;
      });
    } finally {
      release();
      await runner.stop();
    }
    expect(events).toEqual(["sweep started", "renewals queued", "new order active", "sweep ended"]);

    // Exactly once: a second sweep at the same moment changes nothing.
    expect(await runRenewals(db, { clock })).toMatchObject({ renewed: 0, failed: 0, suspended: 0, invoiced: 0, closed: 0 });
    const after = await db.select().from(services).where(inArray(services.id, [...paying, ...unpaid]));
    for (const s of after) {
      if (paying.includes(s.id)) expect([s.status, s.expiresAt! > expiry]).toEqual(["active", true]);
      else expect([s.status, s.expiresAt!.getTime()]).toEqual(["suspended", expiry.getTime()]);
    }
    const charges = await db.select().from(balanceEntries).where(like(balanceEntries.reference, "renewal:%"));
    expect(charges.map((c) => c.reference).sort()).toEqual(paying.map((id) => `renewal:${id}:${expiry.toISOString()}`).sort());
    const renewalInvoices = await db.select().from(invoices).where(eq(invoices.kind, "renewal"));
    expect(renewalInvoices.filter((i) => i.status === "paid").map((i) => i.serviceId).sort()).toEqual([...paying].sort());
    expect(renewalInvoices.filter((i) => i.status === "unpaid").map((i) => i.serviceId).sort()).toEqual([...unpaid].sort());
    const ops = await db.select().from(operations).where(inArray(operations.kind, ["prolong", "suspend"]));
    expect(ops.filter((o) => o.kind === "prolong" && o.status === "done").map((o) => o.serviceId).sort()).toEqual([...paying].sort());
    expect(ops.filter((o) => o.kind === "suspend" && o.status === "done").map((o) => o.serviceId).sort()).toEqual([...unpaid].sort());
    expect(ops).toHaveLength(2 * EACH);
    const failed = await db.select().from(emailOutbox).where(like(emailOutbox.dedupeKey, "renewal-failed:svc:%"));
    expect(failed.map((e) => e.serviceId).sort()).toEqual([...unpaid].sort());
  }, 120_000);
});
