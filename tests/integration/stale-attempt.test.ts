import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { operationAttempts, operations, services } from "@/lib/db/schema";
import { startVcloudSimulator, type VcloudSimulator } from "@/lib/modules/vcloud/simulator";
import { claimAndLoad } from "@/lib/processing/claim";
import { runOperation } from "@/lib/processing/run-operation";
import { sweepOperations } from "@/lib/processing/sweep";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

/**
 * A worker that lost its claim without dying (its renewals failed or its process stalled) still holds
 * the operation as it loaded it. Another worker takes the operation over and finishes it, the service
 * is closed, and only then does the first worker go on. It must not reach the panel: an open sent then
 * composes a vApp that belongs to no live service.
 */
describe("an attempt whose lease ran out", () => {
  let database: TestDatabase;
  let vcd: VcloudSimulator;
  const clock = testClock();
  let clientId: number;
  let tariffId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    vcd = await startVcloudSimulator({ org: "acme", username: "billing", password: "vcd-secret" });
    const handler = await makeHandler(database.db, { module: "vcloud", productType: "vps", connection: { url: vcd.url, org: "acme", username: "billing", password: "vcd-secret", vdcId: vcd.vdcId, timeoutMs: 5000 } });
    const resources = ["cpu", "ram", "disk"].map((key) => ({ key, label: key, unit: key === "cpu" ? "vCPU" : "GiB", amount: 1 }));
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id], productType: "vps", template: null, resources })).id;
    clientId = (await createClient(database.db, 1_000_000)).id;
  });
  afterAll(async () => {
    await vcd.close();
    await database.close();
  });

  const db = () => database.db;
  const drain = () => sweepOperations(db(), { clock, leaseMs: 60_000 });
  const vappsNamed = (name: string) => Object.values(vcd.state.vapps).filter((v) => v.name === name);
  const ops = (serviceId: number) => db().select().from(operations).where(eq(operations.serviceId, serviceId)).orderBy(operations.id);

  /** Runs every due operation, moving the clock past vCloud's 10 s polls, until the service has none left. */
  async function settle(serviceId: number) {
    for (let i = 0; i < 10; i++) {
      await drain();
      if ((await ops(serviceId)).every((o) => o.status === "done")) return;
      clock.advance(11);
    }
    throw new Error(`service ${serviceId} did not settle: ${JSON.stringify((await ops(serviceId)).map((o) => [o.kind, o.status, o.lastError]))}`);
  }

  it("an open taken over after its lease ran out, finished and closed, makes no vApp when its first worker goes on", async () => {
    // A first service opens as usual (the handler's running slots exist from then on, as in a live system).
    await settle((await orderAndPay(db(), clientId, tariffId, { params: { hostname: "first.example.test" } }, clock)).id);
    const paid = await orderAndPay(db(), clientId, tariffId, { params: { hostname: "stale.example.test" } }, clock);
    // Worker A claims the open for a minute, then stalls before it calls the panel.
    const [stale] = await claimAndLoad(db(), { limit: 1, now: clock.now(), leaseMs: 60_000 });
    expect(stale?.loaded.service.id).toBe(paid.id);
    expect(stale?.loaded.slot).toBeDefined();

    // Its lease runs out; another worker takes the open over and finishes it; the client closes the service.
    clock.advance(120);
    await settle(paid.id);
    expect((await db().select().from(services).where(eq(services.id, paid.id)))[0]!.status).toBe("active");
    expect(vappsNamed(paid.remoteName)).toHaveLength(1);
    await requestServiceOperation({ ctx: sys(db(), clock), input: { serviceId: paid.id, kind: "close" } });
    await settle(paid.id);
    expect((await db().select().from(services).where(eq(services.id, paid.id)))[0]!.status).toBe("closed");
    expect(vappsNamed(paid.remoteName)).toHaveLength(0);
    const composes = vcd.state.composed.length;

    // Worker A goes on with what it loaded under its old lease.
    const result = await runOperation(db(), stale!.lease, { clock, loaded: stale!.loaded });
    expect(result).toBe("worked");
    expect(vcd.state.composed).toHaveLength(composes);
    expect(vappsNamed(paid.remoteName)).toHaveLength(0);
    // The operation and the service stay as the new owner left them; A's refused try is not written.
    const open = (await ops(paid.id)).find((o) => o.kind === "open")!;
    expect(open.status).toBe("done");
    const attempts = await db().select().from(operationAttempts).where(and(eq(operationAttempts.operationId, open.id), eq(operationAttempts.outcome, "error")));
    expect(attempts).toHaveLength(0);
    expect((await db().select().from(services).where(eq(services.id, paid.id)))[0]!.status).toBe("closed");
  });

  it("an attempt that finds its own lease about to run out sends nothing and puts the operation back, counting no attempt", async () => {
    const paid = await orderAndPay(db(), clientId, tariffId, { params: { hostname: "late.example.test" } }, clock);
    // Claimed for a minute; the attempt starts with 50 ms of that lease left (a claim that took that long to arrive).
    const [late] = await claimAndLoad(db(), { limit: 1, now: clock.now(), leaseMs: 60_000 });
    expect(late?.loaded.service.id).toBe(paid.id);
    clock.advance(59.95);
    const composes = vcd.state.composed.length;
    expect(await runOperation(db(), late!.lease, { clock, loaded: late!.loaded })).toBe("worked");
    expect(vcd.state.composed).toHaveLength(composes);
    const open = (await ops(paid.id))[0]!;
    expect(open).toMatchObject({ status: "queued", attempts: 0, leaseToken: null });
    expect(open.runAt.getTime()).toBeLessThanOrEqual(clock.now().getTime());
    expect(await db().select().from(operationAttempts).where(eq(operationAttempts.operationId, open.id))).toHaveLength(0);
    // Claimed again with a whole lease, it opens the service.
    await settle(paid.id);
    expect((await db().select().from(services).where(eq(services.id, paid.id)))[0]!.status).toBe("active");
    expect(vappsNamed(paid.remoteName)).toHaveLength(1);
  });
});
