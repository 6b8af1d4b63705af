import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { handlers, operations, payments, services, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { writeSettings } from "@/lib/settings";
import type { Ctx } from "@/lib/services/context";
import { countFailingOperations } from "@/lib/services/operations/count-failing";
import { getOperation } from "@/lib/services/operations/get";
import { listOperations } from "@/lib/services/operations/list";
import { dashboardTiles } from "@/lib/services/stats/dashboard";
import { setupTimes } from "@/lib/services/stats/setup-times";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("failing operations, the dashboard's tiles and setup times", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let ctx: Ctx;
  const clock = testClock(new Date("2031-06-15T14:00:00Z"));
  let tariffId: number;
  let clientId: number;
  let departmentId: number;
  const db = () => database.db;
  const drain = () => sweepOperations(db(), { clock });
  const openOf = async (serviceId: number) => (await db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "open"))))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    departmentId = (await createDepartment(db(), "Hosting support")).id;
    const handler = await makeHandler(db(), { module: "ispmanager", name: "ISP One", departmentId, connection: { url: sim.url, username: "admin", password: "secret", timeoutMs: 2000 } });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id] })).id;
    clientId = (await createClient(db(), 1_000_000)).id;
    ctx = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
    await writeSettings(db(), { retryIntervalSeconds: 300, maxAttempts: 3 });
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("shows an operation retried after an error as failing with its attempt, next try and error line, and the failing filter finds it", async () => {
    sim.setFaults({ http500: true });
    const failing = await orderAndPay(db(), clientId, tariffId, {}, clock);
    await drain();
    sim.reset();
    const quiet = await orderAndPay(db(), clientId, tariffId, {}, clock);
    const op = await openOf(failing.id);
    expect(op).toMatchObject({ status: "queued", attempts: 1 });

    const found = await listOperations({ ctx, input: { status: "failing" } });
    expect(found.items.map((i) => i.serviceId)).toEqual([failing.id]);
    expect(found.items[0]).toMatchObject({ state: "failing", detail: "attempt 1 of 3 failed, next try 14:05 UTC" });
    expect(found.items[0]!.errorLine).toMatch(/^http_500/);
    const all = await listOperations({ ctx, input: {} });
    expect(all.items.find((i) => i.serviceId === quiet.id)).toMatchObject({ state: "queued", detail: null });
    expect(await countFailingOperations({ ctx })).toBe(1);
    expect((await dashboardTiles({ ctx })).failingNow).toBe(1);

    const detail = await getOperation({ ctx, input: { operationId: op.id } });
    expect(detail.state.nextTryAt).toEqual(new Date("2031-06-15T14:05:00Z"));
    expect(detail.actions).toEqual({ restart: true, switchToManual: true, cancel: true });

    clock.advance(301);
    await drain();
    expect(await countFailingOperations({ ctx })).toBe(0);
    expect((await getOperation({ ctx, input: { operationId: op.id } })).actions).toEqual({ restart: false, switchToManual: false, cancel: false });
  });

  it("says why no processing module was chosen when every one of the tariff is disabled", async () => {
    const off = await makeHandler(db(), { module: "manual", name: "Switched off", enabled: false });
    const lonely = await makeTariff(db(), { handlerIds: [off.id] });
    const service = await orderAndPay(db(), clientId, lonely.id, {}, clock);
    await drain();
    const detail = await getOperation({ ctx, input: { operationId: (await openOf(service.id)).id } });
    expect(detail.operation.status).toBe("manual");
    expect(detail.noHandlerReason).toContain("Every processing module of the tariff is disabled (Switched off)");
    expect(detail.actions).toEqual({ restart: true, switchToManual: false, cancel: true });
  });

  it("counts services by status, open tasks per department and this month's payments", async () => {
    const before = await dashboardTiles({ ctx });
    const other = await createDepartment(db(), "Domains");
    const extra = await orderAndPay(db(), clientId, tariffId, {}, clock);
    await db().update(services).set({ status: "suspended" }).where(eq(services.id, extra.id));
    await db().insert(tasks).values({ operationId: (await openOf(extra.id)).id, serviceId: extra.id, departmentId: other.id, reason: "switched" });
    await db().insert(payments).values([
      { clientId, method: "admin", amount: 1500, currency: "USD", reference: "dash-1", createdAt: new Date("2031-06-02T00:00:00Z") },
      { clientId, method: "gateway", amount: 700, currency: "USD", reference: "dash-2", createdAt: new Date("2031-05-31T23:59:00Z") },
    ]);
    const after = await dashboardTiles({ ctx });
    expect(after.services.suspended).toBe(before.services.suspended + 1);
    expect(after.services.active + after.services.inProgress + after.services.suspended).toBe(before.services.active + before.services.inProgress + before.services.suspended + 1);
    expect(after.openTasks.find((d) => d.name === "Domains")).toMatchObject({ open: 1 });
    const usd = after.paymentsThisMonth.find((p) => p.currency === "USD")!;
    const usdBefore = before.paymentsThisMonth.find((p) => p.currency === "USD") ?? { amount: 0, count: 0 };
    expect(usd).toMatchObject({ amount: usdBefore.amount + 1500, count: usdBefore.count + 1 });
  });

  it("measures payment to active per module, median and 95th percentile", async () => {
    const [h] = await db().select({ id: handlers.id }).from(handlers).where(eq(handlers.name, "ISP One"));
    const started = new Date("2031-06-15T10:00:00Z");
    const secs = [10, 20, 30, 40, 1000];
    for (const s of secs) {
      const svc = await orderAndPay(db(), clientId, tariffId, {}, clock);
      await db()
        .update(operations)
        .set({ status: "done", handlerId: h!.id, createdAt: started, finishedAt: new Date(started.getTime() + s * 1000) })
        .where(eq(operations.id, (await openOf(svc.id)).id));
    }
    // the window ends at the clock: only the five planted ones finished before 10:20
    const planted = await setupTimes({ ctx: { ...ctx, clock: testClock(new Date("2031-06-15T10:20:00Z")) }, input: { days: 1 } });
    expect(planted).toHaveLength(1);
    expect(planted[0]).toMatchObject({ module: "ispmanager", services: 5, p50Seconds: 30 });
    expect(planted[0]!.p95Seconds).toBeCloseTo(808, 6);
  });
});
