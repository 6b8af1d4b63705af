import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiKeys, orders } from "@/lib/db/schema";
import { sha256 } from "@/lib/crypto";
import { resetRateLimits } from "@/lib/api/rate-limit";
import { createApiKey } from "@/lib/services/api-keys/create";
import { listApiKeys } from "@/lib/services/api-keys/list";
import { revokeApiKey } from "@/lib/services/api-keys/revoke";
import * as servicesRoute from "@/app/api/v1/services/route";
import * as serviceRoute from "@/app/api/v1/services/[id]/route";
import * as clientRoute from "@/app/api/v1/clients/[id]/route";
import * as ordersRoute from "@/app/api/v1/orders/route";
import * as pingRoute from "@/app/api/v1/ping/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

describe("API access: keys, scopes, client binding, limits", () => {
  let database: TestDatabase;
  let a: { clientId: number; serviceId: number; key: string };
  let b: { clientId: number; serviceId: number };
  let tariffId: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    const db = database.db;
    const handler = await makeHandler(db, { module: "manual" });
    tariffId = (await makeTariff(db, { handlerIds: [handler.id] })).id;
    const clientA = await createClient(db, 100_000);
    const clientB = await createClient(db, 100_000);
    a = { clientId: clientA.id, serviceId: (await orderAndPay(db, clientA.id, tariffId)).id, key: await makeKey(db, ["read", "orders:write"], clientA.id) };
    b = { clientId: clientB.id, serviceId: (await orderAndPay(db, clientB.id, tariffId)).id };
  });
  afterEach(() => {
    delete process.env.API_RATE_LIMIT_PER_MIN;
    resetRateLimits();
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database?.close();
  });

  it("answers 401 without a key, with a malformed, unknown or revoked key, in the error shape", async () => {
    const revoked = await createApiKey({ ctx: sys(database.db), input: { name: "old", scopes: ["read"] } });
    await revokeApiKey({ ctx: sys(database.db), input: { apiKeyId: revoked.apiKey.id } });
    for (const key of [null, "nonsense", `pv_live_${"x".repeat(32)}`, revoked.secret]) {
      const r = await call(servicesRoute.GET, "GET", "/services", { key });
      expect(r.status).toBe(401);
      expect(r.json.error).toMatchObject({ code: "unauthorized", details: null });
      expect(r.headers.get("www-authenticate")).toContain("Bearer");
    }
    const basic = await call(servicesRoute.GET, "GET", "/services", { headers: { authorization: `Basic ${a.key}` } });
    expect(basic.status).toBe(401);
  });

  it("answers 403 when the key lacks the route's scope, and writes nothing", async () => {
    const readOnly = await makeKey(database.db, ["read"], a.clientId);
    const before = await database.db.select().from(orders);
    const r = await call(ordersRoute.POST, "POST", "/orders", { key: readOnly, body: { items: [{ tariffId, months: 1 }] } });
    expect(r.status).toBe(403);
    expect(r.json.error).toMatchObject({ code: "forbidden", details: { requiredScope: "orders:write" } });
    expect(await database.db.select().from(orders)).toEqual(before);
  });

  it("shows a client-bound key its own client's data only; another client's is 404", async () => {
    const list = await call(servicesRoute.GET, "GET", "/services", { key: a.key });
    expect(list.status).toBe(200);
    const ids = (list.json.items as { id: number; clientId: number }[]).map((s) => s.clientId);
    expect(ids).toEqual([a.clientId]);
    const own = await call(serviceRoute.GET, "GET", `/services/${a.serviceId}`, { key: a.key, params: { id: String(a.serviceId) } });
    expect(own.status).toBe(200);
    expect(own.json).toMatchObject({ id: a.serviceId, clientId: a.clientId });
    expect(own.text).not.toContain("secrets\":\"v1.");
    const other = await call(serviceRoute.GET, "GET", `/services/${b.serviceId}`, { key: a.key, params: { id: String(b.serviceId) } });
    expect(other.status).toBe(404);
    expect(other.json.error?.code).toBe("not_found");
    const missing = await call(serviceRoute.GET, "GET", "/services/999999", { key: a.key, params: { id: "999999" } });
    expect({ status: missing.status, body: missing.json.error?.code }).toEqual({ status: 404, body: "not_found" });
    expect((await call(clientRoute.GET, "GET", `/clients/${b.clientId}`, { key: a.key, params: { id: String(b.clientId) } })).status).toBe(404);
    const mine = await call(clientRoute.GET, "GET", `/clients/${a.clientId}`, { key: a.key, params: { id: String(a.clientId) } });
    expect(mine.json).toMatchObject({ id: a.clientId, balance: expect.any(Number) });
    const filtered = await call(servicesRoute.GET, "GET", "/services", { key: a.key, query: `clientId=${b.clientId}` });
    expect(filtered.status).toBe(404);
  });

  it("lets an admin key see every client's services and filter them", async () => {
    const admin = await makeKey(database.db, ["admin"]);
    const all = await call(servicesRoute.GET, "GET", "/services", { key: admin });
    expect((all.json.items as { id: number }[]).map((s) => s.id).sort()).toEqual([a.serviceId, b.serviceId].sort());
    const onlyB = await call(servicesRoute.GET, "GET", "/services", { key: admin, query: `clientId=${b.clientId}&status=processing&limit=5` });
    expect((onlyB.json.items as { id: number }[]).map((s) => s.id)).toEqual([b.serviceId]);
    const bad = await call(servicesRoute.GET, "GET", "/services", { key: admin, query: "status=sleeping" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: "validation", details: { fields: { status: expect.any(Array) } } });
  });

  it("answers 404 for a path id that cannot exist", async () => {
    for (const id of ["abc", "0", "-1", "1.5", "99999999999"]) {
      const r = await call(serviceRoute.GET, "GET", `/services/${id}`, { key: a.key, params: { id } });
      expect(r.status).toBe(404);
    }
  });

  it("stores keys hashed with a display prefix, records the last use, and lists them without hashes", async () => {
    const { apiKey, secret } = await createApiKey({ ctx: sys(database.db), input: { name: "CRM", scopes: ["read", "read"], clientId: a.clientId } });
    expect(secret).toMatch(/^pv_live_[A-Za-z0-9_-]{32}$/);
    const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row).toMatchObject({ hash: sha256(secret), prefix: secret.slice(0, 14), scopes: ["read"], lastUsedAt: null });
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(await call(servicesRoute.GET, "GET", "/services", { key: secret })).toMatchObject({ status: 200 });
    const [used] = await database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(used!.lastUsedAt).toBeInstanceOf(Date);
    const listed = await listApiKeys({ ctx: sys(database.db) });
    expect(listed.find((k) => k.id === apiKey.id)).toMatchObject({ clientName: expect.any(String) });
    expect(listed.every((k) => !("hash" in k))).toBe(true);
    const { actor: client } = await createUser(database.db, "client");
    await expect(createApiKey({ ctx: { db: database.db, actor: client }, input: { name: "mine", scopes: ["admin"] } })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("rate-limits per key with 429 and Retry-After", async () => {
    process.env.API_RATE_LIMIT_PER_MIN = "3";
    const other = await makeKey(database.db, ["read"], a.clientId);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(servicesRoute.GET, "GET", "/services", { key: a.key })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(servicesRoute.GET, "GET", "/services", { key: a.key });
    expect(limited.json.error?.code).toBe("rate_limited");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await call(servicesRoute.GET, "GET", "/services", { key: other })).status).toBe(200);
  });

  it("refuses bodies over 64 KiB with 413 and bad JSON with 400, never with a stack trace", async () => {
    const big = JSON.stringify({ items: [{ tariffId, months: 1 }], pad: "x".repeat(70_000) });
    const streamed = await call(ordersRoute.POST, "POST", "/orders", { key: a.key, rawBody: big });
    expect(streamed.status).toBe(413);
    expect(streamed.json.error?.code).toBe("payload_too_large");
    const declared = await call(ordersRoute.POST, "POST", "/orders", { key: a.key, rawBody: "{}", headers: { "content-length": "100000" } });
    expect(declared.status).toBe(413);
    const broken = await call(ordersRoute.POST, "POST", "/orders", { key: a.key, rawBody: '{"items": [' });
    expect(broken.status).toBe(400);
    expect(broken.json.error?.code).toBe("invalid_json");
    for (const r of [streamed, broken]) expect(r.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  });

  it("keeps /ping free of keys", async () => {
    const r = await pingRoute.GET();
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ok: true });
  });
});
