import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys, balanceEntries, clients, operations, orders, services } from "@/lib/db/schema";
import { sha256 } from "@/lib/crypto";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { createApiKey, generateApiKey } from "@/lib/services/api-keys/create";
import { createOrder } from "@/lib/services/orders/create";
import * as tariffsRoute from "@/app/api/v1/tariffs/route";
import * as modulesRoute from "@/app/api/v1/modules/route";
import * as handlersRoute from "@/app/api/v1/handlers/route";
import * as clientsRoute from "@/app/api/v1/clients/route";
import * as clientRoute from "@/app/api/v1/clients/[id]/route";
import * as creditRoute from "@/app/api/v1/clients/[id]/balance/credit/route";
import * as ordersRoute from "@/app/api/v1/orders/route";
import * as payRoute from "@/app/api/v1/orders/[id]/pay/route";
import * as servicesRoute from "@/app/api/v1/services/route";
import * as serviceRoute from "@/app/api/v1/services/[id]/route";
import * as suspendRoute from "@/app/api/v1/services/[id]/suspend/route";
import * as resumeRoute from "@/app/api/v1/services/[id]/resume/route";
import * as closeRoute from "@/app/api/v1/services/[id]/close/route";
import * as renewRoute from "@/app/api/v1/services/[id]/renew/route";
import * as operationsRoute from "@/app/api/v1/operations/route";
import * as operationRoute from "@/app/api/v1/operations/[id]/route";
import * as restartRoute from "@/app/api/v1/operations/[id]/restart/route";
import * as tasksRoute from "@/app/api/v1/tasks/route";
import { call, makeKey, type Answer } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

type Target = { clientId: number; serviceId: number; orderId: number; operationId: number };

/** Every REST call an integrator can make, aimed at one client's records. */
function everyCall(t: Target, tariffId: number): [string, (key: string) => Promise<Answer>][] {
  const id = (n: number) => ({ params: { id: String(n) } });
  return [
    ["GET /tariffs", (key) => call(tariffsRoute.GET, "GET", "/tariffs", { key })],
    ["GET /modules", (key) => call(modulesRoute.GET, "GET", "/modules", { key })],
    ["GET /handlers", (key) => call(handlersRoute.GET, "GET", "/handlers", { key })],
    ["POST /clients", (key) => call(clientsRoute.POST, "POST", "/clients", { key, body: { name: "Intruder Ltd", email: "intruder@example.test" } })],
    ["GET /clients/{id}", (key) => call(clientRoute.GET, "GET", `/clients/${t.clientId}`, { key, ...id(t.clientId) })],
    ["POST /clients/{id}/balance/credit", (key) => call(creditRoute.POST, "POST", `/clients/${t.clientId}/balance/credit`, { key, ...id(t.clientId), body: { amount: 100 } })],
    ["POST /orders", (key) => call(ordersRoute.POST, "POST", "/orders", { key, body: { clientId: t.clientId, items: [{ tariffId, months: 1 }] } })],
    ["POST /orders/{id}/pay", (key) => call(payRoute.POST, "POST", `/orders/${t.orderId}/pay`, { key, ...id(t.orderId) })],
    ["GET /services?clientId", (key) => call(servicesRoute.GET, "GET", "/services", { key, query: `clientId=${t.clientId}` })],
    ["GET /services/{id}", (key) => call(serviceRoute.GET, "GET", `/services/${t.serviceId}`, { key, ...id(t.serviceId) })],
    ["POST /services/{id}/suspend", (key) => call(suspendRoute.POST, "POST", `/services/${t.serviceId}/suspend`, { key, ...id(t.serviceId) })],
    ["POST /services/{id}/resume", (key) => call(resumeRoute.POST, "POST", `/services/${t.serviceId}/resume`, { key, ...id(t.serviceId) })],
    ["POST /services/{id}/close", (key) => call(closeRoute.POST, "POST", `/services/${t.serviceId}/close`, { key, ...id(t.serviceId) })],
    ["POST /services/{id}/renew", (key) => call(renewRoute.POST, "POST", `/services/${t.serviceId}/renew`, { key, ...id(t.serviceId) })],
    ["GET /operations", (key) => call(operationsRoute.GET, "GET", "/operations", { key })],
    ["GET /operations/{id}", (key) => call(operationRoute.GET, "GET", `/operations/${t.operationId}`, { key, ...id(t.operationId) })],
    ["POST /operations/{id}/restart", (key) => call(restartRoute.POST, "POST", `/operations/${t.operationId}/restart`, { key, ...id(t.operationId) })],
    ["GET /tasks", (key) => call(tasksRoute.GET, "GET", "/tasks", { key })],
  ];
}

/** What a call may touch of the other client: nothing. */
const harmless = new Set(["GET /tariffs", "GET /modules"]);

describe("API keys bound to a client never act beyond it, whatever their scopes", () => {
  let database: TestDatabase;
  let tariffId: number;
  let mine: Target;
  let other: Target;

  async function target(clientId: number): Promise<Target> {
    const service = await orderAndPay(database.db, clientId, tariffId);
    const { order } = await createOrder({ ctx: sys(database.db), input: { clientId, items: [{ tariffId, months: 1 }] } });
    const [op] = await database.db.select().from(operations).where(eq(operations.serviceId, service.id));
    return { clientId, serviceId: service.id, orderId: order.id, operationId: op!.id };
  }

  async function snapshot(clientId: number) {
    const db = database.db;
    return {
      client: await db.select().from(clients).where(eq(clients.id, clientId)),
      entries: await db.select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)),
      orders: await db.select().from(orders).where(eq(orders.clientId, clientId)),
      services: await db.select().from(services).where(eq(services.clientId, clientId)),
      operations: (await db.select().from(operations)).length,
      clients: (await db.select().from(clients)).length,
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    const handler = await makeHandler(database.db, { module: "manual" });
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id] })).id;
    mine = await target((await createClient(database.db, 100_000)).id);
    other = await target((await createClient(database.db, 100_000)).id);
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database?.close();
  });

  it("refuses to create a bound key with the admin scope", async () => {
    const before = await database.db.select().from(apiKeys);
    const error = await createApiKey({ ctx: sys(database.db), input: { name: "bound admin", scopes: ["read", "admin"], clientId: mine.clientId } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation", fields: { scopes: [expect.stringContaining("admin scope")] } });
    expect(await database.db.select().from(apiKeys)).toEqual(before);
  });

  const scopeSets: [string, string[]][] = [
    ["read", ["read"]],
    ["orders:write", ["orders:write"]],
    ["services:write", ["services:write"]],
    ["read + orders:write + services:write", ["read", "orders:write", "services:write"]],
    ["admin (a row stored before binding refused it)", ["admin", "read", "orders:write", "services:write"]],
  ];

  it.each(scopeSets)("a key bound to one client with %s reaches no other client's records", async (_name, scopes) => {
    resetRateLimits();
    const secret = generateApiKey();
    await database.db.insert(apiKeys).values({ name: `bound ${scopes.join(" ")}`, prefix: secret.slice(0, 14), hash: sha256(secret), scopes, clientId: mine.clientId });
    const before = await snapshot(other.clientId);
    for (const [name, run] of everyCall(other, tariffId)) {
      const r = await run(secret);
      if (harmless.has(name)) continue;
      expect({ name, status: r.status }).toEqual({ name, status: expect.toSatisfy((s: number) => [403, 404].includes(s)) });
    }
    const listed = await call(servicesRoute.GET, "GET", "/services", { key: secret });
    if (listed.status === 200) expect((listed.json.items as { clientId: number }[]).every((s) => s.clientId === mine.clientId)).toBe(true);
    expect(await snapshot(other.clientId)).toEqual(before);
  });

  it("limits provider-wide keys to what the OpenAPI text says for their scopes", async () => {
    resetRateLimits();
    const read = await makeKey(database.db, ["read"]);
    const writer = await makeKey(database.db, ["services:write"]);
    const calls = Object.fromEntries(everyCall(other, tariffId));
    // "Staff-level (admin) keys only" and "Admin keys only": operations, tasks, handlers, suspend, resume, restart.
    for (const name of ["GET /operations", "GET /operations/{id}", "GET /tasks", "GET /handlers"]) expect({ name, status: (await calls[name]!(read)).status }).toEqual({ name, status: 403 });
    for (const name of ["POST /services/{id}/suspend", "POST /services/{id}/resume", "POST /operations/{id}/restart"]) expect({ name, status: (await calls[name]!(writer)).status }).toEqual({ name, status: 403 });
    // What read keys are documented to do across clients.
    expect((await calls["GET /clients/{id}"]!(read)).status).toBe(200);
    expect((await calls["GET /services/{id}"]!(read)).status).toBe(200);
    expect((await calls["POST /services/{id}/close"]!(read)).status).toBe(403);
    // services:write closes any client's service, as documented (409: this one is still being set up).
    expect(await calls["POST /services/{id}/close"]!(writer)).toMatchObject({ status: 409, json: { error: { code: "conflict" } } });
    const admin = await makeKey(database.db, ["admin"]);
    expect((await calls["GET /operations"]!(admin)).status).toBe(200);
  });
});
