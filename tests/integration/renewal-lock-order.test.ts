import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { operations, services } from "@/lib/db/schema";
import { runRenewals } from "@/lib/billing/renewals";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { enqueueOperation } from "@/lib/processing/enqueue";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

/**
 * The renewal sweep takes a service's open operations before the service, the order in which an
 * operation's completion takes them: an unpaid service whose operation is finishing at that moment
 * is left to the next sweep instead of deadlocking with the completion (PostgreSQL; PGlite has one
 * connection, where the sweep simply suspends it).
 */
describe("renewal sweep and a finishing operation", () => {
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

  it("an unpaid service is suspended once, after the operation holding its row has finished", async () => {
    const db = database.db;
    const clock = testClock(new Date("2030-01-15T10:00:00Z"));
    const handler = await makeHandler(db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(db, { handlerIds: [handler.id], price: 500 });
    const client = await createClient(db, 500);
    const paid = await orderAndPay(db, client.id, tariff.id, {}, clock);
    await sweepOperations(db, { clock });
    const [active] = await db.select().from(services).where(eq(services.id, paid.id));
    expect(active!.status).toBe("active");
    const sync = await enqueueOperation(db, { serviceId: paid.id, kind: "sync", params: {}, runAt: new Date("2031-01-01T00:00:00Z") });
    clock.set(new Date(active!.expiresAt!.getTime() + 1000));
    const suspends = () => db.select().from(operations).where(and(eq(operations.serviceId, paid.id), eq(operations.kind, "suspend")));

    if (process.env.DATABASE_URL) {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let held!: () => void;
      const holding = new Promise<void>((r) => (held = r));
      // A completion in progress: it has updated its operation and will lock the service next.
      const completion = db.transaction(async (tx) => {
        await tx.execute(sql`update operations set updated_at = now() where id = ${sync.id}`);
        held();
        await released;
        await tx.execute(sql`select id from services where id = ${paid.id} for update`);
      });
      await holding;
      const busy = await runRenewals(db, { clock });
      release();
      await completion;
      expect(busy.suspended).toBe(0);
      expect(await suspends()).toHaveLength(0);
    }
    const summary = await runRenewals(db, { clock });
    expect(summary.suspended).toBe(1);
    expect(await suspends()).toHaveLength(1);
    expect((await runRenewals(db, { clock })).suspended).toBe(0);
  }, 60_000);
});
