import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { clients, idempotencyKeys, orders } from "@/lib/db/schema";
import { sha256 } from "@/lib/crypto";
import { idempotent } from "@/lib/api/idempotency";
import * as tariffsRoute from "@/app/api/v1/tariffs/route";
import * as clientsRoute from "@/app/api/v1/clients/route";
import * as creditRoute from "@/app/api/v1/clients/[id]/balance/credit/route";
import * as ordersRoute from "@/app/api/v1/orders/route";
import * as payRoute from "@/app/api/v1/orders/[id]/pay/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff } from "../helpers/factories";

describe("API: catalog, clients, balance, orders, idempotency", () => {
  let database: TestDatabase;
  let tariffId: number;
  let clientId: number;
  let key: string;
  let admin: string;
  const orderCount = async () => Number((await database.db.select({ n: count() }).from(orders))[0]!.n);
  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    const handler = await makeHandler(database.db, { module: "manual" });
    tariffId = (await makeTariff(database.db, { handlerIds: [handler.id], price: 500 })).id;
    clientId = (await createClient(database.db, 0)).id;
    key = await makeKey(database.db, ["read", "orders:write"], clientId);
    admin = await makeKey(database.db, ["admin"]);
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database?.close();
  });

  it("lists the published catalog with prices", async () => {
    const r = await call(tariffsRoute.GET, "GET", "/tariffs", { key });
    expect(r.status).toBe(200);
    expect(r.json.items).toEqual([expect.objectContaining({ id: tariffId, prices: [{ months: 1, price: 500 }, { months: 12, price: 5000 }] })]);
  });

  it("creates clients with an admin key and field errors for bad input", async () => {
    const made = await call(clientsRoute.POST, "POST", "/clients", { key: admin, body: { name: "Acme Ltd", email: "Ops@Acme.test", country: "" } });
    expect(made.status).toBe(201);
    expect(made.json.client).toMatchObject({ name: "Acme Ltd", email: "ops@acme.test", country: null, balance: 0 });
    const bad = await call(clientsRoute.POST, "POST", "/clients", { key: admin, body: { name: "A", email: "nope" } });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.json.error!.details as { fields: object }).fields).sort()).toEqual(["email", "name"]);
    expect((await call(clientsRoute.POST, "POST", "/clients", { key, body: { name: "Acme", email: "a@b.test" } })).status).toBe(403);
  });

  it("credits a balance with the admin scope only", async () => {
    const params = { id: String(clientId) };
    expect((await call(creditRoute.POST, "POST", `/clients/${clientId}/balance/credit`, { key, params, body: { amount: 100 } })).status).toBe(403);
    const r = await call(creditRoute.POST, "POST", `/clients/${clientId}/balance/credit`, { key: admin, params, body: { amount: 700, note: "Wire 42" } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ clientId, amount: 700, balanceAfter: 700, note: "Wire 42", kind: "credit" });
    expect((await call(creditRoute.POST, "POST", "/clients/999999/balance/credit", { key: admin, params: { id: "999999" }, body: { amount: 1 } })).status).toBe(404);
    const zero = await call(creditRoute.POST, "POST", `/clients/${clientId}/balance/credit`, { key: admin, params, body: { amount: 0 } });
    expect(zero.json.error).toMatchObject({ code: "validation", details: { fields: { amount: expect.any(Array) } } });
  });

  it("creates an order and pays it; a second payment charges nothing; short balance is 422 and not kept for the key", async () => {
    const created = await call(ordersRoute.POST, "POST", "/orders", { key, body: { items: [{ tariffId, months: 1 }] } });
    expect(created.status).toBe(201);
    const order = created.json.order as { id: number; total: number; status: string; clientId: number };
    expect(order).toMatchObject({ total: 500, status: "unpaid", clientId });
    const params = { id: String(order.id) };
    const paid = await call(payRoute.POST, "POST", `/orders/${order.id}/pay`, { key, params });
    expect(paid.status).toBe(200);
    expect(paid.json).toMatchObject({ charged: true, order: { status: "paid" }, services: [{ status: "processing", clientId }] });
    expect(paid.text).not.toContain("secrets");
    const again = await call(payRoute.POST, "POST", `/orders/${order.id}/pay`, { key, params, body: {} });
    expect(again.json).toMatchObject({ charged: false });
    const [client] = await database.db.select().from(clients).where(eq(clients.id, clientId));
    expect(client!.balance).toBe(200);
    const big = await call(ordersRoute.POST, "POST", "/orders", { key, body: { items: [{ tariffId, months: 12 }] } });
    const short = await call(payRoute.POST, "POST", "/orders/x/pay", { key, params: { id: String((big.json.order as { id: number }).id) } });
    expect(short.status).toBe(422);
    expect(short.json.error).toMatchObject({ code: "unprocessable", details: { code: "insufficient_funds" } });
    const retried = await call(payRoute.POST, "POST", "/orders/x/pay", { key, params: { id: String((big.json.order as { id: number }).id) }, idempotencyKey: "pay-big" });
    expect(retried.status).toBe(422);
    await call(creditRoute.POST, "POST", "/c", { key: admin, params: { id: String(clientId) }, body: { amount: 10_000 } });
    const afterTopUp = await call(payRoute.POST, "POST", "/orders/x/pay", { key, params: { id: String((big.json.order as { id: number }).id) }, idempotencyKey: "pay-big" });
    expect(afterTopUp.json).toMatchObject({ charged: true, order: { status: "paid" } });
    const stranger = await makeKey(database.db, ["orders:write"], (await createClient(database.db)).id);
    expect((await call(payRoute.POST, "POST", "/orders/x/pay", { key: stranger, params })).status).toBe(404);
    expect((await call(payRoute.POST, "POST", "/orders/x/pay", { key, params, body: { extra: 1 } })).status).toBe(400);
  });

  it("answers a repeated Idempotency-Key with the first answer, and another body with 409", async () => {
    const body = { items: [{ tariffId, months: 1, addons: { disk: 2 } }] };
    const before = await orderCount();
    const first = await call(ordersRoute.POST, "POST", "/orders", { key, body, idempotencyKey: "order-77" });
    const second = await call(ordersRoute.POST, "POST", "/orders", { key, body, idempotencyKey: "order-77" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.text).toBe(first.text);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(await orderCount()).toBe(before + 1);
    const other = await call(ordersRoute.POST, "POST", "/orders", { key, body: { items: [{ tariffId, months: 12 }] }, idempotencyKey: "order-77" });
    expect(other.status).toBe(409);
    expect(other.json.error?.code).toBe("idempotency_key_reused");
    expect(await orderCount()).toBe(before + 1);
    const bad = await call(ordersRoute.POST, "POST", "/orders", { key, body, idempotencyKey: "bad key with spaces" });
    expect(bad.status).toBe(400);
    const adminSame = await call(ordersRoute.POST, "POST", "/orders", { key: admin, body: { clientId, ...body }, idempotencyKey: "order-77" });
    expect(adminSame.status).toBe(201);
    expect(await orderCount()).toBe(before + 2);
  });

  it("answers a new order with the items it holds, as they read back when the same checkout key repeats it", async () => {
    const body = { items: [{ tariffId, months: 12 }, { tariffId, months: 1, addons: { disk: 1 }, params: { domain: "items.example.test" } }], idempotencyKey: "checkout-items-1" };
    const first = await call(ordersRoute.POST, "POST", "/orders", { key, body });
    const again = await call(ordersRoute.POST, "POST", "/orders", { key, body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.json.created).toBe(false);
    expect(first.json.items).toHaveLength(2);
    expect(first.json.items).toMatchObject([{ tariffId, months: 12, domain: null }, { tariffId, months: 1, domain: "items.example.test", params: { domain: "items.example.test", transfer: false } }]);
    expect(first.json.items).toEqual(again.json.items);
  });

  it("runs concurrent duplicates once: one order, the same answer for all", async () => {
    const body = { items: [{ tariffId, months: 1 }] };
    const before = await orderCount();
    const answers = await Promise.all(Array.from({ length: 6 }, () => call(ordersRoute.POST, "POST", "/orders", { key, body, idempotencyKey: "burst-1" })));
    expect(await orderCount()).toBe(before + 1);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(answers.filter((a) => a.headers.get("idempotent-replayed") === "true")).toHaveLength(5);
  });

  it("does not keep invalid requests, and takes over a key whose request died", async () => {
    const body = { items: [{ tariffId, months: 1 }] };
    const invalid = await call(ordersRoute.POST, "POST", "/orders", { key, body: { items: [] }, idempotencyKey: "retry-me" });
    expect(invalid.status).toBe(400);
    expect((await call(ordersRoute.POST, "POST", "/orders", { key, body, idempotencyKey: "retry-me" })).status).toBe(201);
    const [{ id: apiKeyId }] = await database.db.select({ id: idempotencyKeys.apiKeyId }).from(idempotencyKeys).where(eq(idempotencyKeys.key, "retry-me"));
    await database.db.insert(idempotencyKeys).values({
      apiKeyId, key: "died", method: "POST", path: "/api/v1/orders",
      requestHash: sha256(`POST /api/v1/orders\n${JSON.stringify(body)}`), createdAt: new Date(Date.now() - 120_000),
    });
    const before = await orderCount();
    const taken = await call(ordersRoute.POST, "POST", "/orders", { key, body, idempotencyKey: "died" });
    expect(taken.status).toBe(201);
    expect(await orderCount()).toBe(before + 1);
    const [row] = await database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, "died"));
    expect(row).toMatchObject({ responseStatus: 201, responseBody: taken.text });
  });

  it("makes a duplicate wait for the first answer, and answers 409 while the first is still running", async () => {
    const [{ id: apiKeyId }] = await database.db.select({ id: idempotencyKeys.apiKeyId }).from(idempotencyKeys).limit(1);
    const request = { apiKeyId, key: "slow-1", method: "POST", path: "/api/v1/orders", body: { n: 1 } };
    let release: () => void = () => {};
    let runs = 0;
    const first = idempotent(database.db, request, async () => {
      runs++;
      await new Promise<void>((resolve) => (release = resolve));
      return { status: 201, text: '{"made":1}' };
    });
    await new Promise((r) => setTimeout(r, 100));
    const impatient = await idempotent(database.db, request, async () => ({ status: 201, text: "twice" }), 150).catch((e: unknown) => e);
    expect(impatient).toMatchObject({ status: 409, code: "idempotency_in_progress" });
    const patient = idempotent(database.db, request, async () => ({ status: 201, text: "twice" }));
    setTimeout(() => release(), 100);
    expect(await first).toEqual({ status: 201, text: '{"made":1}', replayed: false });
    expect(await patient).toEqual({ status: 201, text: '{"made":1}', replayed: true });
    expect(runs).toBe(1);
  });
});
