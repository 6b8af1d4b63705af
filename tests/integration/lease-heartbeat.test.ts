import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { handlerSlots, operations, services } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { claimAndLoad } from "@/lib/processing/claim";
import { keepLease, renewLease } from "@/lib/processing/lease-renewal";
import { startRunner, type Runner } from "@/lib/processing/runner";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

// Long enough that a loaded machine still renews well within it; the proofs count leases, not seconds.
const LEASE_MS = 3000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("lease heartbeat", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let tariffId: number;
  let clientId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id] })).id;
    clientId = (await createClient(database.db, 100_000_000)).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  const creates = () => sim.state.calls.filter((c) => c.func === "user.add.finish" && c.params.sok === "ok").length;
  const start = (): Promise<Runner> => startRunner(database, { leaseMs: LEASE_MS, pollMs: 100, concurrency: 4, outbox: false, syncs: false });
  const openOf = async (serviceId: number) => (await database.db.select().from(operations).where(eq(operations.serviceId, serviceId)))[0]!;
  async function untilActive(serviceId: number, ms: number) {
    for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) {
      const [s] = await database.db.select().from(services).where(eq(services.id, serviceId));
      if (s?.status === "active") return s;
    }
    throw new Error(`service ${serviceId} not active after ${ms} ms`);
  }

  it("a panel call longer than the lease is not claimed a second time and completes once", async () => {
    sim.setFaults({ slowChangeMs: 2.5 * LEASE_MS });
    const runners = [await start(), await start()];
    try {
      const service = await orderAndPay(database.db, clientId, tariffId);
      runners.forEach((r) => r.wake());
      const active = await untilActive(service.id, 40_000);
      const op = await openOf(service.id);
      expect(op.status).toBe("done");
      expect(op.claims).toBe(1);
      expect(op.attempts).toBe(1);
      expect(active.remoteId).toBeTruthy();
      // One create reached the panel: nobody claimed the operation again while it ran 2.5 leases long.
      expect(creates()).toBe(1);
      expect(Object.keys(sim.state.users)).toHaveLength(1);
    } finally {
      sim.setFaults({ slowChangeMs: 0 });
      await Promise.all(runners.map((r) => r.stop()));
    }
  }, 60_000);

  it("a worker that stops renewing loses the operation after its lease; its token no longer renews", async () => {
    sim.setFaults({ slowChangeMs: 0 });
    const service = await orderAndPay(database.db, clientId, tariffId);
    // Worker A claims and renews, but never calls the panel.
    const [a] = await claimAndLoad(database.db, { limit: 1, now: new Date(), leaseMs: LEASE_MS });
    expect(a?.loaded.service.id).toBe(service.id);
    const keeper = keepLease(database.db, a!.lease, { leaseMs: LEASE_MS });
    const b = await start();
    try {
      await sleep(2 * LEASE_MS);
      // Two leases later A still holds it: B has not taken it.
      const held = await openOf(service.id);
      expect(held.leaseToken).toBe(a!.lease.leaseToken);
      expect(held.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
      // Renewed more than once per lease: without renewals the lease would have ended a lease ago.
      expect(keeper.renewals()).toBeGreaterThanOrEqual(2);
      if (a!.loaded.slot) {
        const [slot] = await database.db.select().from(handlerSlots).where(eq(handlerSlots.leaseToken, a!.lease.leaseToken));
        expect(slot!.leaseUntil!.getTime()).toBe(held.leaseUntil!.getTime());
      }
      // A dies: no more renewals. B takes the operation over once the lease has run out.
      const diedAt = Date.now();
      keeper.stop();
      await untilActive(service.id, 20_000);
      expect(Date.now() - diedAt).toBeGreaterThanOrEqual(LEASE_MS / 3);
      const op = await openOf(service.id);
      expect(op.status).toBe("done");
      expect(op.claims).toBe(2);
      expect(keeper.lost()).toBe(false);
      // A's token holds nothing any more: a renewal (and a completion, fenced the same way) is refused.
      expect(await renewLease(database.db, a!.lease, new Date(Date.now() + LEASE_MS))).toBe(false);
      const again = keepLease(database.db, a!.lease, { leaseMs: 60 });
      await sleep(150);
      expect(again.lost()).toBe(true);
      again.stop();
    } finally {
      await b.stop();
    }
  }, 60_000);
});
