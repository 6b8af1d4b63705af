import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { handlers, operations, services, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

describe("handler choice", () => {
  let database: TestDatabase;
  let simA: IspmanagerSimulator;
  let simB: IspmanagerSimulator;
  let clientId: number;
  const db = () => database.db;
  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    simA = await startIspmanagerSimulator();
    simB = await startIspmanagerSimulator();
    clientId = (await createClient(db(), 10_000_000)).id;
  });
  afterAll(async () => {
    await simA.close();
    await simB.close();
    await database.close();
  });

  it("prefers the lower priority number, then the lower id", async () => {
    const a = await makeHandler(db(), { module: "ispmanager", priority: 20, connection: { url: simA.url, username: "admin", password: "secret" } });
    const b = await makeHandler(db(), { module: "ispmanager", priority: 10, connection: { url: simB.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(db(), { handlerIds: [a.id, b.id] });
    const s = await orderAndPay(db(), clientId, tariff.id);
    await sweepOperations(db());
    expect((await service(s.id)).handlerId).toBe(b.id);
    expect(Object.keys(simB.state.users)).toContain(s.remoteName);
  });

  it("a disabled handler gets no new services but still suspends its own", async () => {
    const a = await makeHandler(db(), { module: "ispmanager", priority: 1, connection: { url: simA.url, username: "admin", password: "secret" } });
    const b = await makeHandler(db(), { module: "ispmanager", priority: 2, connection: { url: simB.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(db(), { handlerIds: [a.id, b.id] });
    const onA = await orderAndPay(db(), clientId, tariff.id);
    await sweepOperations(db());
    expect((await service(onA.id)).handlerId).toBe(a.id);

    await db().update(handlers).set({ enabled: false }).where(eq(handlers.id, a.id));
    const next = await orderAndPay(db(), clientId, tariff.id);
    await sweepOperations(db());
    expect((await service(next.id)).handlerId).toBe(b.id);
    expect((await service(next.id)).status).toBe("active");

    await requestServiceOperation({ ctx: sys(db()), input: { serviceId: onA.id, kind: "suspend" } });
    await sweepOperations(db());
    expect((await service(onA.id)).status).toBe("suspended");
    expect(simA.state.users[onA.remoteName]!.active).toBe(false);
  });

  it("no enabled handler: the operation becomes a task at once", async () => {
    const dept = await createDepartment(db());
    const a = await makeHandler(db(), { module: "ispmanager", enabled: false, departmentId: dept.id, connection: { url: simA.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(db(), { handlerIds: [a.id] });
    const s = await orderAndPay(db(), clientId, tariff.id);
    await sweepOperations(db());
    const [op] = await db().select().from(operations).where(and(eq(operations.serviceId, s.id), eq(operations.kind, "open")));
    expect(op!.status).toBe("manual");
    const list = await db().select().from(tasks).where(eq(tasks.operationId, op!.id));
    expect(list.map((t) => t.reason)).toEqual(["no_handler"]);
  });

  it("a Manual setup handler turns every operation into a task at once", async () => {
    const dept = await createDepartment(db());
    const manual = await makeHandler(db(), { module: "manual", productType: "other", departmentId: dept.id });
    const tariff = await makeTariff(db(), { handlerIds: [manual.id], productType: "other", template: null, resources: [] });
    const s = await orderAndPay(db(), clientId, tariff.id);
    await sweepOperations(db());
    const [op] = await db().select().from(operations).where(eq(operations.serviceId, s.id));
    expect(op!.status).toBe("manual");
    expect(op!.attempts).toBe(0);
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, op!.id));
    expect(task!.reason).toBe("manual_handler");
    expect(task!.departmentId).toBe(dept.id);
    expect((await service(s.id)).handlerId).toBe(manual.id);
  });

  it("respects a handler's max running operations without losing any", async () => {
    const h = await makeHandler(db(), { module: "ispmanager", maxRunning: 2, connection: { url: simA.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(db(), { handlerIds: [h.id] });
    simA.setFaults({ slowMs: 100 });
    let peak = 0;
    const ids = [];
    for (let i = 0; i < 6; i++) ids.push((await orderAndPay(db(), clientId, tariff.id)).id);
    const watch = setInterval(async () => {
      const running = await db().select().from(operations).where(and(eq(operations.handlerId, h.id), eq(operations.status, "running")));
      peak = Math.max(peak, running.length);
    }, 20);
    for (let i = 0; i < 50 && (await Promise.all(ids.map(service))).some((s) => s.status !== "active"); i++) {
      await sweepOperations(db(), { batch: 6 });
      await new Promise((r) => setTimeout(r, 100));
    }
    clearInterval(watch);
    simA.setFaults({ slowMs: 0 });
    expect((await Promise.all(ids.map(service))).every((s) => s.status === "active")).toBe(true);
    expect(peak).toBeLessThanOrEqual(2);
    expect(peak).toBeGreaterThan(0);
  });
});
