import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clients, operations, services, tasks } from "@/lib/db/schema";
import { sweepOperations } from "@/lib/processing/sweep";
import { closeTask } from "@/lib/services/tasks/close";
import * as serviceRoute from "@/app/api/v1/services/[id]/route";
import * as suspendRoute from "@/app/api/v1/services/[id]/suspend/route";
import * as resumeRoute from "@/app/api/v1/services/[id]/resume/route";
import * as closeRoute from "@/app/api/v1/services/[id]/close/route";
import * as renewRoute from "@/app/api/v1/services/[id]/renew/route";
import * as operationsRoute from "@/app/api/v1/operations/route";
import * as operationRoute from "@/app/api/v1/operations/[id]/route";
import * as restartRoute from "@/app/api/v1/operations/[id]/restart/route";
import * as tasksRoute from "@/app/api/v1/tasks/route";
import * as handlersRoute from "@/app/api/v1/handlers/route";
import * as modulesRoute from "@/app/api/v1/modules/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createDepartment, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

describe("API: services, operations, tasks, handlers, modules", () => {
  let database: TestDatabase;
  let tariffId: number;
  let a: number;
  let b: number;
  const keys = {} as Record<"admin" | "aWrite" | "aRead", string>;
  const db = () => database.db;
  const id = (n: number) => ({ id: String(n) });

  /** Staff close the open task of an operation by hand, as the board would. */
  async function finishByHand(serviceId: number) {
    await sweepOperations(db());
    const [task] = await db().select().from(tasks).where(and(eq(tasks.serviceId, serviceId), eq(tasks.status, "new")));
    await closeTask({ ctx: sys(db()), input: { taskId: task!.id, fields: { login: "alice", password: "Secret-123", ip: "10.0.0.7" } } });
  }
  async function activeService(clientId: number) {
    const service = await orderAndPay(db(), clientId, tariffId);
    await finishByHand(service.id);
    return service.id;
  }
  const statusOf = async (serviceId: number) => (await db().select().from(services).where(eq(services.id, serviceId)))[0]!.status;

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    const dept = await createDepartment(db());
    const handler = await makeHandler(db(), { module: "manual", departmentId: dept.id });
    await makeHandler(db(), { module: "ispmanager", connection: { url: "http://127.0.0.1:9/", username: "root", password: "Sup3r-Secret-Pw" } });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 300 })).id;
    a = (await createClient(db(), 100_000)).id;
    b = (await createClient(db(), 100_000)).id;
    keys.admin = await makeKey(db(), ["admin"]);
    keys.aWrite = await makeKey(db(), ["read", "services:write"], a);
    keys.aRead = await makeKey(db(), ["read"], a);
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database?.close();
  });

  it("shows one service with its details but never its secrets", async () => {
    const serviceId = await activeService(a);
    const r = await call(serviceRoute.GET, "GET", `/services/${serviceId}`, { key: keys.aRead, params: id(serviceId) });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: serviceId, status: "active", hasSecrets: true, details: { login: "alice" }, renewal: { price: 300 } });
    expect(r.text).not.toContain("Secret-123");
    expect(r.json).not.toHaveProperty("secrets");
  });

  it("suspends and resumes through staff-level keys; scopes and roles are checked", async () => {
    const serviceId = await activeService(a);
    expect((await call(suspendRoute.POST, "POST", "/s", { key: keys.aRead, params: id(serviceId) })).status).toBe(403);
    const byClient = await call(suspendRoute.POST, "POST", "/s", { key: keys.aWrite, params: id(serviceId) });
    expect(byClient.json.error).toMatchObject({ code: "forbidden" });
    const first = await call(suspendRoute.POST, "POST", "/s", { key: keys.admin, params: id(serviceId) });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ operationId: expect.any(Number), created: true });
    const [op] = await db().select().from(operations).where(eq(operations.id, first.json.operationId as number));
    expect(op).toMatchObject({ kind: "suspend", status: "queued", serviceId });
    expect((await call(suspendRoute.POST, "POST", "/s", { key: keys.admin, params: id(serviceId) })).json).toMatchObject({ operationId: op!.id, created: false });
    await finishByHand(serviceId);
    expect(await statusOf(serviceId)).toBe("suspended");
    expect((await call(suspendRoute.POST, "POST", "/s", { key: keys.admin, params: id(serviceId) })).status).toBe(409);
    expect((await call(resumeRoute.POST, "POST", "/r", { key: keys.admin, params: id(serviceId) })).status).toBe(202);
    await finishByHand(serviceId);
    expect(await statusOf(serviceId)).toBe("active");
  });

  it("lets a client-bound key close and renew its own services only", async () => {
    const own = await activeService(a);
    const theirs = await activeService(b);
    expect((await call(closeRoute.POST, "POST", "/c", { key: keys.aWrite, params: id(theirs) })).status).toBe(404);
    expect((await call(renewRoute.POST, "POST", "/r", { key: keys.aWrite, params: id(theirs) })).status).toBe(404);
    const [before] = await db().select().from(clients).where(eq(clients.id, a));
    const renewed = await call(renewRoute.POST, "POST", "/r", { key: keys.aWrite, params: id(own) });
    expect(renewed.status).toBe(202);
    expect(renewed.json).toMatchObject({ charged: true, price: 300 });
    const [after] = await db().select().from(clients).where(eq(clients.id, a));
    expect(after!.balance).toBe(before!.balance - 300);
    expect((await call(renewRoute.POST, "POST", "/r", { key: keys.aWrite, params: id(own) })).json).toMatchObject({ charged: false });
    const closed = await call(closeRoute.POST, "POST", "/c", { key: keys.aWrite, params: id(own) });
    expect(closed.json).toMatchObject({ operationId: expect.any(Number), created: true });
    const processing = await orderAndPay(db(), a, tariffId);
    expect((await call(closeRoute.POST, "POST", "/c", { key: keys.aWrite, params: id(processing.id) })).status).toBe(409);
  });

  it("renews for another period the tariff sells through a client-bound key; a short balance is 422 with the difference", async () => {
    const own = await activeService(a);
    const shown = await call(serviceRoute.GET, "GET", "/s", { key: keys.aRead, params: id(own) });
    expect(shown.json).toMatchObject({ renewals: [{ months: 1, price: 300 }, { months: 12, price: 3000 }], renewalInvoice: null });
    expect((await call(renewRoute.POST, "POST", "/r", { key: keys.aWrite, params: id(own), body: { months: 5 } })).status).toBe(400);
    expect((await call(renewRoute.POST, "POST", "/r", { key: keys.aWrite, params: id(own), body: { months: 3 } })).status).toBe(409);
    const yearly = await call(renewRoute.POST, "POST", "/r", { key: keys.aWrite, params: id(own), body: { months: 12 } });
    expect(yearly.status).toBe(202);
    expect(yearly.json).toMatchObject({ charged: true, price: 3000, months: 12 });
    expect((await db().select().from(services).where(eq(services.id, own)))[0]!.months).toBe(12);
    const poor = (await createClient(db(), 300)).id;
    const poorKey = await makeKey(db(), ["read", "services:write"], poor);
    const theirs = await activeService(poor);
    await sweepOperations(db());
    const short = await call(renewRoute.POST, "POST", "/r", { key: poorKey, params: id(theirs), body: { months: 12 } });
    expect(short.status).toBe(422);
    expect(short.json).toMatchObject({ error: { code: "unprocessable", details: { code: "insufficient_funds", price: 3000, balance: 0, difference: 3000, months: 12 } } });
  });

  it("lists, shows and restarts operations, and lists tasks, for staff-level keys", async () => {
    const service = await orderAndPay(db(), b, tariffId);
    await sweepOperations(db());
    const [op] = await db().select().from(operations).where(eq(operations.serviceId, service.id));
    expect(op!.status).toBe("manual");
    const list = await call(operationsRoute.GET, "GET", "/operations", { key: keys.admin, query: `status=manual&clientId=${b}&limit=50` });
    expect(list.status).toBe(200);
    expect((list.json.items as { id: number }[]).map((o) => o.id)).toContain(op!.id);
    expect((list.json.items as { status: string }[]).every((o) => o.status === "manual")).toBe(true);
    expect((await call(operationsRoute.GET, "GET", "/operations", { key: keys.admin, query: "from=yesterday" })).status).toBe(400);
    expect((await call(operationsRoute.GET, "GET", "/operations", { key: keys.aRead })).status).toBe(403);
    const one = await call(operationRoute.GET, "GET", "/o", { key: keys.admin, params: id(op!.id) });
    expect(one.json).toMatchObject({ operation: { id: op!.id, kind: "open" }, task: { status: "new" } });
    expect(one.json.operation).not.toHaveProperty("leaseToken");
    expect((await call(operationRoute.GET, "GET", "/o", { key: keys.admin, params: id(999_999) })).status).toBe(404);
    const taskList = await call(tasksRoute.GET, "GET", "/tasks", { key: keys.admin, query: "status=new" });
    expect((taskList.json.items as { operation: { id: number } }[]).map((t) => t.operation.id)).toContain(op!.id);
    expect((await call(tasksRoute.GET, "GET", "/tasks", { key: keys.aRead })).status).toBe(403);
    const restarted = await call(restartRoute.POST, "POST", "/r", { key: keys.admin, params: id(op!.id) });
    expect(restarted.status).toBe(200);
    expect(restarted.json).toMatchObject({ id: op!.id, status: "queued", attempts: 0 });
    expect(restarted.json).not.toHaveProperty("leaseToken");
    expect((await call(restartRoute.POST, "POST", "/r", { key: keys.aWrite, params: id(op!.id) })).status).toBe(403);
  });

  it("lists handlers without credentials and modules as field specs", async () => {
    const handlers = await call(handlersRoute.GET, "GET", "/handlers", { key: keys.admin, query: "productType=hosting" });
    expect(handlers.status).toBe(200);
    expect((handlers.json.items as { module: string }[]).map((h) => h.module).sort()).toEqual(["ispmanager", "manual"]);
    expect(handlers.text).not.toContain("Sup3r-Secret-Pw");
    expect(handlers.text).not.toMatch(/"(secrets|connection)"/);
    expect((await call(handlersRoute.GET, "GET", "/handlers", { key: keys.aRead })).status).toBe(403);
    const modules = await call(modulesRoute.GET, "GET", "/modules", { key: keys.aRead });
    const isp = (modules.json.items as { kind: string; connectionFields: { key: string; secret: boolean }[] }[]).find((m) => m.kind === "ispmanager");
    expect(isp?.connectionFields).toEqual(expect.arrayContaining([expect.objectContaining({ key: "password", secret: true })]));
  });
});
