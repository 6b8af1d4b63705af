import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { balanceEntries, clients, orders, services, tariffs } from "@/lib/db/schema";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { renewService } from "@/lib/services/services/renew";
import { createTariff } from "@/lib/services/tariffs/create";
import { updateTariff } from "@/lib/services/tariffs/update";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";
import { currencyNote, viewerCurrency } from "@/lib/services/catalog/currency-note";

describe("money moves only in the client's currency", () => {
  let database: TestDatabase;
  let handlerId: number;
  let usdTariff: number;
  let jpyTariff: number;
  const db = () => database.db;
  const snapshot = async (clientId: number) => ({
    client: await db().select().from(clients).where(eq(clients.id, clientId)),
    orders: await db().select().from(orders).where(eq(orders.clientId, clientId)),
    entries: await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)),
  });
  beforeAll(async () => {
    database = await createTestDatabase();
    handlerId = (await makeHandler(db(), { module: "manual" })).id;
    usdTariff = (await makeTariff(db(), { handlerIds: [handlerId], price: 1000 })).id;
    jpyTariff = (await createTariff({ ctx: sys(db()), input: { productType: "hosting", name: "Yen plan", currency: "jpy", prices: [{ months: 1, price: 100_000 }], resources: [], handlerIds: [handlerId] } })).id;
  });
  afterAll(async () => database.close());

  it("takes only ISO 4217 codes for tariffs", async () => {
    const [yen] = await db().select().from(tariffs).where(eq(tariffs.id, jpyTariff));
    expect(yen!.currency).toBe("JPY");
    for (const currency of ["XYZ", "US", "usd1", "$$$"]) {
      const error = await createTariff({ ctx: sys(db()), input: { productType: "hosting", name: `Bad ${currency}`, currency, prices: [{ months: 1, price: 1 }], resources: [], handlerIds: [handlerId] } }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "validation", fields: { currency: [expect.stringContaining("ISO 4217")] } });
    }
    const error = await updateTariff({ ctx: sys(db()), input: { tariffId: usdTariff, name: "Renamed", currency: "ABC", prices: [{ months: 1, price: 1000 }], resources: [], handlerIds: [handlerId] } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "validation" });
  });

  it("tells a client whose currency no plan is sold in why it cannot order, instead of a store it cannot buy from", async () => {
    const eur = await createClient(db());
    await db().update(clients).set({ currency: "EUR" }).where(eq(clients.id, eur.id));
    const ctx = { db: db(), actor: (await createUser(db(), "client", { clientId: eur.id })).actor };
    expect(await viewerCurrency(ctx)).toBe("EUR");
    expect(await viewerCurrency(sys(db()))).toBeNull();
    const onSale = [{ currencies: ["USD"] }, { currencies: ["JPY"] }, { currencies: ["USD"] }];
    expect(currencyNote("EUR", onSale)).toEqual({ kind: "none", clientCurrency: "EUR", hidden: 3, sold: ["JPY", "USD"] });
    expect(currencyNote("USD", [{ currencies: ["USD"] }, { currencies: ["JPY"] }])).toEqual({ kind: "some", clientCurrency: "USD", hidden: 1, sold: ["JPY"] });
    expect(currencyNote("USD", [{ currencies: ["USD"] }, { currencies: ["USD", "JPY"] }])).toBeNull();
    expect(currencyNote("EUR", [])).toBeNull();
    expect(currencyNote(null, onSale)).toBeNull();
  });

  it("refuses to order a tariff with no USD price for a USD client, alone or next to one priced in USD", async () => {
    const client = await createClient(db(), 1_000_000);
    const before = await snapshot(client.id);
    const error = await createOrder({ ctx: sys(db()), input: { clientId: client.id, items: [{ tariffId: jpyTariff, months: 1 }] } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unprocessable", message: "Yen plan has no price in USD, the currency this account pays in, so it cannot be ordered from this account." });
    const mixed = await createOrder({ ctx: sys(db()), input: { clientId: client.id, items: [{ tariffId: usdTariff, months: 1 }, { tariffId: jpyTariff, months: 1 }] } }).catch((e: unknown) => e);
    expect(mixed).toMatchObject({ code: "unprocessable", details: { code: "not_priced_in_currency", currency: "USD" } });
    expect(await snapshot(client.id)).toEqual(before);
  });

  it("refuses to pay an order whose currency is not the client's, charging nothing", async () => {
    const client = await createClient(db(), 1_000_000);
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId: client.id, items: [{ tariffId: usdTariff, months: 1 }] } });
    await db().update(clients).set({ currency: "JPY" }).where(eq(clients.id, client.id));
    const before = await snapshot(client.id);
    const error = await payOrder({ ctx: sys(db()), input: { orderId: order.id } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unprocessable", details: { code: "currency_mismatch" } });
    expect(await snapshot(client.id)).toEqual(before);
  });

  it("refuses to renew from a balance in another currency", async () => {
    const client = await createClient(db(), 1_000_000);
    const service = await orderAndPay(db(), client.id, usdTariff);
    await db().update(services).set({ status: "active", expiresAt: new Date(Date.now() + 86_400_000) }).where(eq(services.id, service.id));
    await db().update(clients).set({ currency: "JPY" }).where(eq(clients.id, client.id));
    const before = await snapshot(client.id);
    const error = await renewService({ ctx: sys(db()), input: { serviceId: service.id } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unprocessable", message: expect.stringMatching(/renewal is priced in USD, but this account pays in JPY/) });
    expect(await snapshot(client.id)).toEqual(before);
  });
});
