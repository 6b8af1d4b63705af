import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { balanceEntries, clients, invoiceLines, invoices, orders, services } from "@/lib/db/schema";
import * as tariffsRoute from "@/app/api/v1/tariffs/route";
import * as ordersRoute from "@/app/api/v1/orders/route";
import { formatMoneyIn, majorText, minorDigits, parseMoney } from "@/lib/i18n/format";
import { tariffFromForm } from "@/app/admin/tariffs/run";
import { runRenewals } from "@/lib/billing/renewals";
import { planChoices } from "@/lib/billing/plan-change";
import { addonOffers } from "@/lib/billing/addon-change";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { quoteItems } from "@/lib/services/catalog/quote";
import { listCatalog } from "@/lib/services/catalog/list";
import { currencyNote } from "@/lib/services/catalog/currency-note";
import { createTariff } from "@/lib/services/tariffs/create";
import { getTariff } from "@/lib/services/tariffs/get";
import { updateTariff } from "@/lib/services/tariffs/update";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { testClock } from "../helpers/clock";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, sys } from "../helpers/factories";

const disk = { key: "disk", label: "Disk", unit: "GiB", amount: 10, addon: true, maxExtra: 10, unitPrice: 100 };

describe("price lists per currency", () => {
  let database: TestDatabase;
  let handlerId: number;
  let both: number;
  let usdOnly: number;
  let yen: number;
  const db = () => database.db;
  const clientIn = async (currency: string, balance = 0) => {
    const client = await createClient(db());
    await db().update(clients).set({ currency, balance }).where(eq(clients.id, client.id));
    return client.id;
  };
  const tariff = (name: string, extra: object) =>
    createTariff({ ctx: sys(db()), input: { productType: "hosting", name, prices: [{ months: 1, price: 1000 }, { months: 12, price: 10_000 }], resources: [disk], handlerIds: [handlerId], ...extra } });

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    handlerId = (await makeHandler(db(), { module: "manual" })).id;
    both = (await tariff("Both", { otherPrices: [{ currency: "eur", prices: [{ months: 1, price: 900 }, { months: 12, price: 9_000 }], addonPrices: [{ key: "disk", unitPrice: 80 }] }] })).id;
    usdOnly = (await tariff("Dollars only", {})).id;
    yen = (await tariff("Yen too", { otherPrices: [{ currency: "JPY", prices: [{ months: 1, price: 1500 }] }] })).id;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await database.close();
  });

  it("keeps a price list per currency on the tariff, refusing the tariff's own currency twice", async () => {
    const view = await getTariff({ ctx: sys(db()), input: { tariffId: both } });
    expect(view.otherPrices).toEqual([{ currency: "EUR", prices: [{ months: 1, price: 900 }, { months: 12, price: 9_000 }], addonPrices: [{ key: "disk", unitPrice: 80 }] }]);
    const twice = await updateTariff({ ctx: sys(db()), input: { tariffId: usdOnly, name: "Dollars only", prices: [{ months: 1, price: 1000 }], resources: [disk], handlerIds: [handlerId], otherPrices: [{ currency: "USD", prices: [{ months: 1, price: 5 }] }] } }).catch((e: unknown) => e);
    expect(twice).toMatchObject({ code: "validation", fields: { "otherPrices.0.currency": [expect.stringContaining("own currency")] } });
  });

  it("sells a EUR client the EUR price, charges it and invoices in EUR", async () => {
    const clientId = await clientIn("EUR", 5_000);
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId: both, months: 1, addons: { disk: 2 } }] } });
    expect(order).toMatchObject({ currency: "EUR", total: 900 + 2 * 80 });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(invoice).toMatchObject({ currency: "EUR", amount: 1060 });
    expect((await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id))).map((l) => l.total)).toEqual([1060]);
    await payOrder({ ctx: sys(db()), input: { orderId: order.id } });
    const [client] = await db().select().from(clients).where(eq(clients.id, clientId));
    expect(client!.balance).toBe(5_000 - 1060);
    const entries = await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId));
    expect(entries.every((e) => e.currency === "EUR")).toBe(true);
  });

  it("prices and lists in the client's currency, leaving out what has no price in it, with a note", async () => {
    const clientId = await clientIn("EUR");
    const ctx = { db: db(), actor: (await createUser(db(), "client", { clientId })).actor };
    const quote = await quoteItems({ ctx, input: { items: [{ tariffId: both, months: 12 }] } });
    expect(quote).toMatchObject({ currency: "EUR", total: 9_000 });
    const eur = await listCatalog({ ctx, input: { currency: "EUR" } });
    expect(eur.map((t) => t.id)).toEqual([both]);
    expect(eur[0]!.resources[0]).toMatchObject({ key: "disk", unitPrice: 80, addon: true });
    const all = await listCatalog({ ctx });
    expect(all.find((t) => t.id === both)?.currencies).toEqual(["EUR", "USD"]);
    expect(currencyNote("EUR", all)).toEqual({ kind: "some", clientCurrency: "EUR", hidden: 2, sold: ["JPY", "USD"] });
    expect(currencyNote("GBP", all)).toMatchObject({ kind: "none", hidden: 3 });
    expect(currencyNote("USD", all)).toBeNull();
    const refused = await quoteItems({ ctx, input: { items: [{ tariffId: usdOnly, months: 1 }] } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "unprocessable", details: { code: "not_priced_in_currency", currency: "EUR" } });
  });

  it("refuses a tariff with no price in the client's currency, in the store service and the API, writing nothing", async () => {
    const clientId = await clientIn("EUR", 50_000);
    const refused = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId: usdOnly, months: 1 }] } }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "unprocessable", message: expect.stringContaining("has no price in EUR, the currency this account pays in"), details: { code: "not_priced_in_currency" } });
    const key = await makeKey(db(), ["read", "orders:write"], clientId);
    const listed = await call(tariffsRoute.GET, "GET", "/tariffs", { key });
    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([expect.objectContaining({ id: both, currency: "EUR", currencies: ["EUR", "USD"], prices: [{ months: 1, price: 900 }, { months: 12, price: 9_000 }] })]);
    const api = await call(ordersRoute.POST, "POST", "/orders", { key, body: { items: [{ tariffId: usdOnly, months: 1 }] } });
    expect(api.status).toBe(422);
    expect(api.json.error).toMatchObject({ message: expect.stringContaining("has no price in EUR") });
    expect(JSON.stringify(api.json.error)).toContain("not_priced_in_currency");
    expect(await db().select().from(orders).where(eq(orders.clientId, clientId))).toEqual([]);
  });

  it("keeps yen whole: a JPY price has no decimals and is shown without them", async () => {
    expect([minorDigits("JPY"), minorDigits("USD"), minorDigits("EUR"), minorDigits("KWD"), minorDigits("BHD")]).toEqual([0, 2, 2, 3, 3]);
    const clientId = await clientIn("JPY", 10_000);
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId: yen, months: 1 }] } });
    expect(order).toMatchObject({ currency: "JPY", total: 1500 });
    expect(formatMoneyIn("en", order.total, "JPY")).toBe("¥1,500");
    expect(formatMoneyIn("en", 1500, "KWD")).toMatch(/^KWD\s1\.500$/);
    const addon = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId: yen, months: 1, addons: { disk: 1 } }] } }).catch((e: unknown) => e);
    expect(addon).toMatchObject({ code: "validation", fields: { "items.0.addons.disk": ["This add-on is not offered"] } });
  });

  it("reads typed amounts in the currency's own digits, in the admin form's prices per currency too", () => {
    expect([parseMoney("12.50", "USD"), parseMoney("1,500", "JPY"), parseMoney("1.250", "KWD"), parseMoney("7", "BHD")]).toEqual([1250, 1500, 1250, 7000]);
    for (const [typed, currency] of [["1500.5", "JPY"], ["1.2345", "KWD"], ["9.999", "USD"], ["abc", "USD"], ["", "EUR"]]) expect(parseMoney(typed!, currency!)).toBeNaN();
    expect([majorText(1500, "JPY"), majorText(1250, "USD"), majorText(1250, "KWD")]).toEqual(["1500", "12.50", "1.250"]);
    const form = new FormData();
    for (const [k, v] of Object.entries({ name: "Form plan", currency: "USD", "price.1": "10.00", "resources.0.key": "disk", "resources.0.label": "Disk", "resources.0.addon": "on", "resources.0.unitPrice": "1.00", "other.0.currency": "jpy", "other.0.price.1": "1500", "other.0.price.12": "", "other.0.addon.disk": "50", "other.1.currency": "eur", "other.1.price.12": "99.90" })) form.set(k, v);
    expect(tariffFromForm(form).otherPrices).toEqual([
      { currency: "JPY", prices: [{ months: 1, price: 1500 }], addonPrices: [{ key: "disk", unitPrice: 50 }] },
      { currency: "EUR", prices: [{ months: 12, price: 9990 }], addonPrices: [] },
    ]);
  });

  it("renews in the client's currency, at the tariff's price in it", async () => {
    const clientId = await clientIn("EUR", 20_000);
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId: both, months: 1, addons: { disk: 1 } }] } });
    const paid = await payOrder({ ctx: sys(db()), input: { orderId: order.id } });
    const serviceId = paid.services[0]!.id;
    const expiresAt = new Date("2031-03-01T00:00:00Z");
    await db().update(services).set({ status: "active", expiresAt, resources: { disk: 11 } }).where(eq(services.id, serviceId));
    const clock = testClock(new Date("2031-02-27T00:00:00Z"));
    expect(await runRenewals(db(), { clock })).toMatchObject({ renewed: 1 });
    const [renewal] = await db().select().from(invoices).where(and(eq(invoices.serviceId, serviceId), eq(invoices.kind, "renewal")));
    expect(renewal).toMatchObject({ currency: "EUR", amount: 900 + 80, status: "paid" });
    const [client] = await db().select().from(clients).where(eq(clients.id, clientId));
    expect(client!.balance).toBe(20_000 - 980 - 980);
  });

  it("offers plan changes and add-ons in the client's currency, at its prices", async () => {
    const bigger = (await tariff("Both bigger", { prices: [{ months: 1, price: 2000 }], otherPrices: [{ currency: "EUR", prices: [{ months: 1, price: 1800 }], addonPrices: [{ key: "disk", unitPrice: 70 }] }] })).id;
    const clientId = await clientIn("EUR", 20_000);
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId: both, months: 1 }] } });
    const serviceId = (await payOrder({ ctx: sys(db()), input: { orderId: order.id } })).services[0]!.id;
    const at = new Date("2031-05-16T00:00:00Z");
    await db().update(services).set({ status: "active", handlerId, months: 1, expiresAt: new Date("2031-06-01T00:00:00Z"), resources: { disk: 10 } }).where(eq(services.id, serviceId));
    const [service] = await db().select().from(services).where(eq(services.id, serviceId));
    const choices = await planChoices(db(), service!, at);
    // "Dollars only" is served by the same handler but has no EUR price; "Yen too" has no one-month EUR price either.
    expect(choices.map((c) => [c.tariffId, c.currency, c.price])).toEqual([[bigger, "EUR", 1800]]);
    expect(choices[0]!.credit).toBe(Math.round((900 * 16) / 31));
    expect(await addonOffers(db(), service!, at)).toEqual([expect.objectContaining({ key: "disk", unitPrice: 80, currency: "EUR" })]);
  });
});
