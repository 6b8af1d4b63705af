import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { services } from "@/lib/db/schema";
import { openApiDocument } from "@/lib/api/openapi";
import * as servicesRoute from "@/app/api/v1/services/route";
import * as serviceRoute from "@/app/api/v1/services/[id]/route";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("API answers carry a domain in punycode and in Unicode", () => {
  let database: TestDatabase;
  let idn: number;
  let plain: number;
  let key: string;
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

  it("says so in the OpenAPI document", () => {
    const text = JSON.stringify((openApiDocument() as { paths: Record<string, unknown> }).paths["/services/{id}"]);
    expect(text).toContain("domainUnicode");
    expect(JSON.stringify((openApiDocument() as { paths: Record<string, unknown> }).paths["/services"])).toContain("domainUnicode");
  });
});
