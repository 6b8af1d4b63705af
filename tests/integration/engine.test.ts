import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { operationAttempts, operations, serviceHistory, services, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { deliverEmails, readMailbox } from "@/lib/email/deliver";
import { writeSettings } from "@/lib/settings";
import { decryptJson } from "@/lib/crypto";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createDepartment, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("service processing through the ISPmanager simulator", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  const clock = testClock();
  let tariffId: number;
  let clientId: number;
  let departmentId: number;
  let handlerId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    const dept = await createDepartment(database.db, "Hosting support");
    departmentId = dept.id;
    const handler = await makeHandler(database.db, {
      module: "ispmanager",
      departmentId,
      connection: { url: sim.url, username: "admin", password: "secret", timeoutMs: 2000 },
    });
    handlerId = handler.id;
    tariffId = (await makeTariff(database.db, { handlerIds: [handlerId] })).id;
    clientId = (await createClient(database.db, 1_000_000)).id;
    await writeSettings(database.db, { retryIntervalSeconds: 60, maxAttempts: 3 });
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });
  beforeEach(() => sim.reset());

  const db = () => database.db;
  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const openOp = async (serviceId: number) =>
    (await db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "open"))))[0]!;
  const attempts = async (opId: number) =>
    db().select().from(operationAttempts).where(eq(operationAttempts.operationId, opId)).orderBy(operationAttempts.id);
  const drain = () => sweepOperations(db(), { clock });
  const retryLater = async () => {
    clock.advance(61);
    await drain();
  };

  it("pays, opens the account on the panel, and delivers the welcome email to the local mailbox", async () => {
    const paid = await orderAndPay(db(), clientId, tariffId, { addons: { disk: 2 } }, clock);
    expect(paid.status).toBe("processing");
    expect((await openOp(paid.id)).status).toBe("queued");
    await drain();
    const s = await service(paid.id);
    expect(s.status).toBe("active");
    expect(s.pending).toBeNull();
    expect(s.details.login).toBe(s.remoteName);
    const password = decryptJson(s.secrets).password!;
    expect(s.secrets).not.toContain(password);
    expect(Object.keys(sim.state.users)).toEqual([s.remoteName]);
    expect(sim.state.users[s.remoteName]!.limits.limit_quota).toBe(String(3 * 1024));
    const history = await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, s.id));
    expect(history.map((h) => h.toStatus)).toEqual(["processing", "active"]);

    const result = await deliverEmails(db(), { clock });
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const mail = (await readMailbox(db(), { limit: 50 })).filter((m) => m.serviceId === s.id);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.status).toBe("sent");
    expect(mail[0]!.text).toContain(password);
    expect(mail[0]!.text).toContain(s.remoteName);
    const log = (await attempts((await openOp(s.id)).id))[0]!.log;
    expect(log).toContain("user.add");
    expect(log).not.toContain(password);
    expect(log).not.toContain("secret");
  });

  it("fails twice, then succeeds: active after 3 attempts with 2 logged errors", async () => {
    sim.setFaults({ failNext: 2 });
    const s = await orderAndPay(db(), clientId, tariffId, {}, clock);
    await drain();
    expect((await openOp(s.id)).status).toBe("queued");
    await retryLater();
    await retryLater();
    expect((await service(s.id)).status).toBe("active");
    const op = await openOp(s.id);
    expect(op.attempts).toBe(3);
    const list = await attempts(op.id);
    expect(list.map((a) => a.outcome)).toEqual(["error", "error", "done"]);
    expect(list.filter((a) => a.errorMessage).length).toBe(2);
  });

  it("always failing: manual after max attempts, with exactly one task in the handler's department", async () => {
    sim.setFaults({ http500: true });
    const s = await orderAndPay(db(), clientId, tariffId, {}, clock);
    await drain();
    await retryLater();
    await retryLater();
    await retryLater();
    const op = await openOp(s.id);
    expect(op.status).toBe("manual");
    expect(op.attempts).toBe(3);
    const list = await db().select().from(tasks).where(eq(tasks.operationId, op.id));
    expect(list).toHaveLength(1);
    expect(list[0]!.departmentId).toBe(departmentId);
    expect(list[0]!.reason).toBe("escalated");
    expect((await service(s.id)).status).toBe("processing");
  });

  it.each([
    ["a time-out", { timeout: true }, "timeout"],
    ["HTTP 500", { http500: true }, "http_500"],
    ["a malformed body", { garbage: true }, "bad_response"],
  ])("treats %s as retryable", async (_name, faults, code) => {
    sim.setFaults(faults);
    const s = await orderAndPay(db(), clientId, tariffId, {}, clock);
    await drain();
    const op = await openOp(s.id);
    expect(op.status).toBe("queued");
    const [attempt] = await attempts(op.id);
    expect(attempt!.retryable).toBe(true);
    expect(attempt!.errorCode).toBe(code);
    sim.reset();
    await retryLater();
    expect((await service(s.id)).status).toBe("active");
  });

  it("adopts a user that an earlier try created (user exists, and it is ours)", async () => {
    const s = await orderAndPay(db(), clientId, tariffId, {}, clock);
    // an earlier try reached the panel, then the worker died before it recorded anything
    const op = await openOp(s.id);
    const { ispmanager } = await import("@/lib/modules/ispmanager");
    const { createAttemptLog } = await import("@/lib/modules/attempt-log");
    const { loadOperation, serviceInfo } = await import("@/lib/processing/load");
    const info = serviceInfo((await loadOperation(db(), op.id))!);
    await ispmanager.open({ connection: { url: sim.url, username: "admin", password: "secret" }, service: info, log: createAttemptLog(), params: {} });
    expect(Object.keys(sim.state.users)).toContain(s.remoteName);
    await drain();
    const after = await service(s.id);
    expect(after.status).toBe("active");
    expect(Object.keys(sim.state.users).filter((u) => u === s.remoteName)).toHaveLength(1);
    const history = await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, s.id));
    expect(history.at(-1)!.staffNote).toMatch(/earlier try/);
  });

  it("a non-retryable error (unknown preset) goes to manual at once", async () => {
    const bad = await makeTariff(db(), { handlerIds: [handlerId], template: "NoSuchPack" });
    const s = await orderAndPay(db(), clientId, bad.id, {}, clock);
    await drain();
    const op = await openOp(s.id);
    expect(op.status).toBe("manual");
    expect(op.attempts).toBe(1);
    const [attempt] = await attempts(op.id);
    expect(attempt!.retryable).toBe(false);
    expect(await db().select().from(tasks).where(eq(tasks.operationId, op.id))).toHaveLength(1);
  });
});
