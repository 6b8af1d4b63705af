import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { invoices, tariffs } from "@/lib/db/schema";
import { priceItem } from "@/lib/billing/price";
import { AppError, ValidationError } from "@/lib/errors";
import { listCatalog } from "@/lib/services/catalog/list";
import { quoteItems } from "@/lib/services/catalog/quote";
import { createOrder } from "@/lib/services/orders/create";
import type { Actor } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser, makeHandler, makeTariff } from "../helpers/factories";

describe("store prices: periods, add-ons and order parameters", () => {
  let database: TestDatabase;
  let hostingId: number;
  let domainId: number;
  let client: Actor;
  const anonymous: Actor = { type: "anonymous" };
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    const handler = await makeHandler(db(), { module: "manual" });
    hostingId = (await makeTariff(db(), { handlerIds: [handler.id], price: 400 })).id;
    domainId = (await makeTariff(db(), { handlerIds: [handler.id], productType: "domain", template: null, tlds: ["ru", "xn--p1ai"], resources: [] })).id;
    client = (await createUser(db(), "client")).actor;
  });
  afterAll(async () => database.close());

  const quote = (item: Record<string, unknown>) => quoteItems({ ctx: { db: db(), actor: anonymous }, input: { items: [item] } });
  const fieldsOf = async (p: Promise<unknown>) => {
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields;
  };

  it("prices a period plus add-on units at their monthly unit price times the months", async () => {
    const [tariff] = await listCatalog({ ctx: { db: db(), actor: anonymous }, input: { tariffId: hostingId } });
    expect(tariff!.prices.map((p) => [p.months, p.price])).toEqual([[1, 400], [12, 4000]]);
    expect(priceItem(tariff!.prices, tariff!.resources, { months: 1, addons: {} })).toBe(400);
    expect(priceItem(tariff!.prices, tariff!.resources, { months: 1, addons: { disk: 3 } })).toBe(400 + 3 * 100);
    expect(priceItem(tariff!.prices, tariff!.resources, { months: 12, addons: { disk: 2 } })).toBe(4000 + 2 * 100 * 12);
    const q = await quote({ tariffId: hostingId, months: 12, addons: { disk: 2 } });
    expect(q.total).toBe(6400);
    expect(q.items[0]!.tariffName).toBe(tariff!.name);
  });

  it("checkout charges exactly what the store showed, for several items", async () => {
    const items = [
      { tariffId: hostingId, months: 1, addons: { disk: 10 } },
      { tariffId: hostingId, months: 12, addons: {} },
    ];
    const shown = await quoteItems({ ctx: { db: db(), actor: client }, input: { items } });
    const { order } = await createOrder({ ctx: { db: db(), actor: client }, input: { items } });
    expect(shown.total).toBe(400 + 1000 + 4000);
    expect(order.total).toBe(shown.total);
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(invoice!.amount).toBe(shown.total);
  });

  it("refuses add-ons beyond their limit, unknown add-ons and periods the tariff does not sell", async () => {
    expect(await fieldsOf(quote({ tariffId: hostingId, months: 1, addons: { disk: 11 } }))).toEqual({ "items.0.addons.disk": ["Choose from 0 to 10"] });
    expect(Object.keys(await fieldsOf(quote({ tariffId: hostingId, months: 1, addons: { ram: 1 } })))).toEqual(["items.0.addons.ram"]);
    expect(Object.keys(await fieldsOf(quote({ tariffId: hostingId, months: 3 })))).toEqual(["items.0.months"]);
    expect(Object.keys(await fieldsOf(quote({ tariffId: hostingId, months: 5 })))).toEqual(["items.0.months"]);
  });

  it("turns an IDN domain into punycode and keeps to the tariff's zones", async () => {
    const q = await quote({ tariffId: domainId, months: 12, params: { domain: "Пример.РФ" } });
    expect(q.items[0]!.params.domain).toBe("xn--e1afmkfd.xn--p1ai");
    expect(await fieldsOf(quote({ tariffId: domainId, months: 12, params: { domain: "example.com" } }))).toEqual({
      "items.0.params.domain": ["This tariff sells .ru, .xn--p1ai only"],
    });
    expect(Object.keys(await fieldsOf(quote({ tariffId: domainId, months: 12, params: { domain: "bad_name!.ru" } })))).toEqual(["items.0.params.domain"]);
    expect(Object.keys(await fieldsOf(quote({ tariffId: domainId, months: 12, params: {} })))).toEqual(["items.0.params.domain"]);
    expect(Object.keys(await fieldsOf(quote({ tariffId: hostingId, months: 1, params: { hostname: "-bad-" } })))).toEqual(["items.0.params.hostname"]);
  });

  it("does not sell an unpublished tariff", async () => {
    await db().update(tariffs).set({ published: false }).where(eq(tariffs.id, domainId));
    expect((await listCatalog({ ctx: { db: db(), actor: anonymous } })).map((t) => t.id)).toEqual([hostingId]);
    const error = await quote({ tariffId: domainId, months: 12, params: { domain: "a.ru" } }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("not_found");
  });
});
