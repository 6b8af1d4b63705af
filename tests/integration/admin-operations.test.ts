import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { operations, services } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { writeSettings } from "@/lib/settings";
import type { Ctx } from "@/lib/services/context";
import { getOperation } from "@/lib/services/operations/get";
import { listOperations } from "@/lib/services/operations/list";
import { requestServiceOperation } from "@/lib/services/services/request-operation";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("Current operations: filters, keyset pages and the operation page", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let ctx: Ctx;
  const ids = {} as Record<"isp" | "manual" | "clientA" | "clientB" | "opened" | "failed" | "manualOp" | "sync", number>;
  const db = () => database.db;
  const openOf = async (serviceId: number) => (await db().select().from(operations).where(eq(operations.serviceId, serviceId)))[0]!.id;
  const list = async (input: Record<string, unknown>) => (await listOperations({ ctx, input })).items.map((i) => i.id);

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator({ username: "admin", password: "secret-pass" });
    ctx = { db: database.db, actor: (await createUser(database.db, "staff")).actor };
    await writeSettings(db(), { retryIntervalSeconds: 600, maxAttempts: 3 });
    ids.isp = (await makeHandler(db(), { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret-pass", timeoutMs: 2000 } })).id;
    ids.manual = (await makeHandler(db(), { module: "manual", productType: "dedicated" })).id;
    const ispTariff = (await makeTariff(db(), { handlerIds: [ids.isp] })).id;
    const manualTariff = (await makeTariff(db(), { handlerIds: [ids.manual], productType: "dedicated", template: null })).id;
    ids.clientA = (await createClient(db(), 1_000_000)).id;
    ids.clientB = (await createClient(db(), 1_000_000)).id;
    const s1 = await orderAndPay(db(), ids.clientA, ispTariff);
    await sweepOperations(db());
    sim.setFaults({ http500: true });
    const s2 = await orderAndPay(db(), ids.clientB, ispTariff);
    await sweepOperations(db());
    sim.reset();
    const s3 = await orderAndPay(db(), ids.clientA, manualTariff);
    await sweepOperations(db());
    ids.opened = await openOf(s1.id);
    ids.failed = await openOf(s2.id);
    ids.manualOp = await openOf(s3.id);
    ids.sync = (await requestServiceOperation({ ctx, input: { serviceId: s1.id, kind: "sync" } })).id;
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  it("lists every operation newest first with its service, client, handler and task", async () => {
    const { items, nextCursor } = await listOperations({ ctx, input: {} });
    expect(items.map((i) => i.id)).toEqual([ids.sync, ids.manualOp, ids.failed, ids.opened]);
    expect(nextCursor).toBeNull();
    expect(items.find((i) => i.id === ids.opened)).toMatchObject({ kind: "open", status: "done", attempts: 1, clientId: ids.clientA, handlerId: ids.isp, module: "ispmanager", taskId: null });
    expect(items.find((i) => i.id === ids.opened)).toMatchObject({ serviceParams: { domain: expect.stringMatching(/\./) }, tariffName: expect.stringMatching(/^Tariff/), clientName: expect.any(String) });
    expect(items.find((i) => i.id === ids.failed)).toMatchObject({ status: "queued", attempts: 1, lastError: expect.stringContaining("http_500") });
    expect(items.find((i) => i.id === ids.manualOp)).toMatchObject({ status: "manual", handlerId: ids.manual, taskId: expect.any(Number), taskStatus: "new" });
    expect(items.find((i) => i.id === ids.sync)).toMatchObject({ kind: "sync", status: "queued", attempts: 0, handlerId: ids.isp });
  });

  it("filters by status, operation kind, module, handler and client", async () => {
    expect(await list({ status: "manual" })).toEqual([ids.manualOp]);
    expect(await list({ status: "queued" })).toEqual([ids.sync, ids.failed]);
    expect(await list({ kind: "sync" })).toEqual([ids.sync]);
    expect(await list({ kind: "open", status: "done" })).toEqual([ids.opened]);
    expect(await list({ module: "manual" })).toEqual([ids.manualOp]);
    expect(await list({ module: "ispmanager" })).toEqual([ids.sync, ids.failed, ids.opened]);
    expect(await list({ handlerId: String(ids.isp) })).toEqual([ids.sync, ids.failed, ids.opened]);
    expect(await list({ clientId: ids.clientB })).toEqual([ids.failed]);
    expect(await list({ clientId: ids.clientA, module: "ispmanager" })).toEqual([ids.sync, ids.opened]);
  });

  it("filters by date: a day counts whole, a date-time is exact", async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await list({ from: today, to: today })).toHaveLength(4);
    expect(await list({ from: tomorrow })).toEqual([]);
    expect(await list({ to: yesterday })).toEqual([]);
    const [failed] = await db().select({ createdAt: operations.createdAt }).from(operations).where(eq(operations.id, ids.failed));
    expect(await list({ from: failed!.createdAt.toISOString() })).toContain(ids.failed);
    expect(await list({ to: failed!.createdAt.toISOString() })).not.toContain(ids.failed);
  });

  it("pages with a cursor that walks every operation exactly once", async () => {
    const seen: number[] = [];
    let cursor: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listOperations({ ctx, input: { limit: "1", ...(cursor ? { cursor: String(cursor) } : {}) } });
      seen.push(...page.items.map((i) => i.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual([ids.sync, ids.manualOp, ids.failed, ids.opened]);
  });

  it("refuses a bad filter with field errors", async () => {
    const error = await listOperations({ ctx, input: { status: "broken", limit: 0, from: "yesterday" } }).catch((e: unknown) => e);
    expect(Object.keys((error as { fields: object }).fields).sort()).toEqual(["from", "limit", "status"]);
  });

  it("shows an operation with every attempt's redacted log and error", async () => {
    const detail = await getOperation({ ctx, input: { operationId: ids.failed } });
    expect(detail.operation).toMatchObject({ id: ids.failed, status: "queued", attempts: 1 });
    expect(detail.operation).not.toHaveProperty("leaseToken");
    expect(detail.client.id).toBe(ids.clientB);
    expect(detail.handler).toMatchObject({ id: ids.isp, module: "ispmanager" });
    expect(detail.task).toBeNull();
    expect(detail.attempts).toHaveLength(1);
    expect(detail.attempts[0]).toMatchObject({ number: 1, outcome: "error", errorCode: "http_500", retryable: true });
    expect(detail.attempts[0]!.log).toContain("error http_500");
    expect(detail.attempts[0]!.log).not.toContain("secret-pass");
    const [service] = await db().select().from(services).where(eq(services.id, detail.service.id));
    expect(detail.service.remoteName).toBe(service!.remoteName);
    const manual = await getOperation({ ctx, input: { operationId: ids.manualOp } });
    expect(manual.task).toMatchObject({ status: "new", reason: "manual_handler" });
  });
});
