import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { services } from "@/lib/db/schema";
import { openApiDocument } from "@/lib/api/openapi";
import * as servicesRoute from "@/app/api/v1/services/route";
import * as serviceRoute from "@/app/api/v1/services/[id]/route";
import * as ordersRoute from "@/app/api/v1/orders/route";
import * as payRoute from "@/app/api/v1/orders/[id]/pay/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("API answers carry a domain in punycode and in Unicode", () => {
  let database: TestDatabase;
  let idn: number;
  let plain: number;
  let key: string;
  let writer: string;
  let tariff: number;
  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    const db = database.db;
    const handler = await makeHandler(db, { module: "manual" });
    const tariffId = (await makeTariff(db, { handlerIds: [handler.id] })).id;
    const client = await createClient(db, 100_000);
    idn = (await orderAndPay(db, client.id, tariffId)).id;
    plain = (await orderAndPay(db, client.id, tariffId)).id;
    await db.update(services).set({ params: { domain: "xn--e1afmkfd.xn--p1ai" } }).where(eq(services.id, idn));
    await db.update(services).set({ params: {} }).where(eq(services.id, plain));
    key = await makeKey(db, ["read"], client.id);
    writer = await makeKey(db, ["orders:write"], client.id);
    tariff = tariffId;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database?.close();
  });

  it("lists and shows a service with domain (punycode) and domainUnicode; both null without a domain", async () => {
    const list = await call(servicesRoute.GET, "GET", "/services", { key });
    expect(list.status).toBe(200);
    const byId = new Map((list.json.items as { id: number; domain: string | null; domainUnicode: string | null }[]).map((s) => [s.id, s]));
    expect(byId.get(idn)).toMatchObject({ domain: "xn--e1afmkfd.xn--p1ai", domainUnicode: "пример.рф" });
    expect(byId.get(plain)).toMatchObject({ domain: null, domainUnicode: null });
    const one = await call(serviceRoute.GET, "GET", `/services/${idn}`, { key, params: { id: String(idn) } });
    expect(one.json).toMatchObject({ id: idn, domain: "xn--e1afmkfd.xn--p1ai", domainUnicode: "пример.рф", params: { domain: "xn--e1afmkfd.xn--p1ai" } });
  });

  it("an order's items and the services its payment opens carry both names, never a secret", async () => {
    const made = await call(ordersRoute.POST, "POST", "/orders", { key: writer, body: { items: [{ tariffId: tariff, months: 1, params: { domain: "Пример.РФ" } }, { tariffId: tariff, months: 1, params: {} }] } });
    expect(made.status).toBe(201);
    const items = made.json.items as { domain: string | null; domainUnicode: string | null; tariffId: number; months: number; price: number }[];
    expect(items).toMatchObject([{ tariffId: tariff, months: 1, domain: "xn--e1afmkfd.xn--p1ai", domainUnicode: "пример.рф" }, { domain: null, domainUnicode: null }]);
    const orderId = (made.json.order as { id: number }).id;
    const paid = await call(payRoute.POST, "POST", `/orders/${orderId}/pay`, { key: writer, params: { id: String(orderId) } });
    expect(paid.status).toBe(200);
    const opened = paid.json.services as { domain: string | null; domainUnicode: string | null; secrets?: unknown }[];
    expect(opened.map((s) => [s.domain, s.domainUnicode]).sort()).toEqual([[null, null], ["xn--e1afmkfd.xn--p1ai", "пример.рф"]]);
    expect(opened.every((s) => s.secrets === undefined)).toBe(true);
  });

  it("says so in the OpenAPI document", () => {
    const text = JSON.stringify((openApiDocument() as { paths: Record<string, unknown> }).paths["/services/{id}"]);
    expect(text).toContain("domainUnicode");
    expect(JSON.stringify((openApiDocument() as { paths: Record<string, unknown> }).paths["/services"])).toContain("domainUnicode");
    expect(JSON.stringify((openApiDocument() as { paths: Record<string, unknown> }).paths["/orders"])).toContain("domainUnicode");
    expect(JSON.stringify((openApiDocument() as { paths: Record<string, unknown> }).paths["/orders/{id}/pay"])).toContain("domainUnicode");
  });
});
