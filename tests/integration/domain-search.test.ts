import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { clients, orders, services } from "@/lib/db/schema";
import { ValidationError, type AppError } from "@/lib/errors";
import { startEppSimulator, type EppSimulator } from "@/lib/modules/epp/simulator";
import { startWebnamesSimulator, type WebnamesSimulator } from "@/lib/modules/webnames/simulator";
import type { Ctx } from "@/lib/services/context";
import { SEARCHES_PER_MINUTE } from "@/lib/services/domains/availability";
import { checkDomain } from "@/lib/services/domains/check";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";
import { connectionOf, plantForeign, REGISTRAR } from "../modules/epp-setup";

const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("domain search before the cart, and the registry asked again at checkout", () => {
  let database: TestDatabase;
  let epp: EppSimulator;
  let wn: WebnamesSimulator;
  let comTariff: number;
  const db = () => database.db;
  const clock = testClock(new Date("2026-12-07T12:00:00Z"));
  const anonymous = (): Ctx => ({ db: db(), actor: { type: "anonymous" }, clock });
  const eppChecks = () => epp.frames.filter((f) => f.includes("<domain:check")).length;

  beforeAll(async () => {
    database = await createTestDatabase();
    epp = await startEppSimulator(REGISTRAR);
    wn = await startWebnamesSimulator({ username: "reseller", password: "secret" });
    const registry = await makeHandler(db(), { module: "epp", productType: "domain", connection: { ...connectionOf(epp), checkLimit: 2 } });
    const webnames = await makeHandler(db(), { module: "webnames", productType: "domain", connection: { url: wn.url, username: "reseller", password: "secret" } });
    comTariff = (await makeTariff(db(), { handlerIds: [registry.id], productType: "domain", template: null, tlds: ["com", "net", "org", "xn--p1ai"], resources: [], price: 1000 })).id;
    await makeTariff(db(), { handlerIds: [webnames.id], productType: "domain", template: null, tlds: ["ru"], resources: [], price: 700 });
  });
  afterAll(async () => {
    await epp.close();
    await wn.close();
    await database.close();
  });
  beforeEach(() => epp.reset());

  it("shows every zone on sale: available, taken and reserved, through both registrars, in batches", async () => {
    plantForeign(epp, "brightshop.net");
    epp.settings.reserved["brightshop.org"] = "Reserved by the registry";
    wn.plantForeign("brightshop.ru");
    const { results } = await checkDomain({ ctx: anonymous(), input: { name: "BrightShop" } });
    expect(results.map((r) => [r.name, r.status, r.reason])).toEqual([
      ["brightshop.com", "available", undefined],
      ["brightshop.net", "taken", "In use"],
      ["brightshop.org", "reserved", "Reserved by the registry"],
      ["brightshop.xn--p1ai", "available", undefined],
      ["brightshop.ru", "taken", undefined],
    ]);
    expect(results[0]).toMatchObject({ tariffId: comTariff, price: 10_000, months: 12 });
    // Four EPP names with a limit of two: two checks.
    expect(eppChecks()).toBe(2);
  });

  it("takes IDN names in Unicode, puts the typed zone first and shows names as people write them", async () => {
    const { results } = await checkDomain({ ctx: anonymous(), input: { name: "Пример.РФ" } });
    expect(results[0]).toMatchObject({ name: "xn--e1afmkfd.xn--p1ai", display: "пример.рф", status: "available" });
    expect(results.map((r) => r.zone)).toEqual(["xn--p1ai", "com", "net", "org", "ru"]);
  });

  it("refuses bad names and zones not on sale in plain words", async () => {
    const bad = await caught(checkDomain({ ctx: anonymous(), input: { name: "-bad-" } }));
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fields.name?.[0]).toMatch(/letters, digits and hyphens/);
    const zone = await caught(checkDomain({ ctx: anonymous(), input: { name: "shop.io" } }));
    expect((zone as ValidationError).fields.name?.[0]).toMatch(/We do not sell \.io names/);
    expect(await caught(checkDomain({ ctx: anonymous(), input: { name: "" } }))).toBeInstanceOf(ValidationError);
    expect(await caught(checkDomain({ ctx: anonymous(), input: { name: "a".repeat(64) } }))).toBeInstanceOf(ValidationError);
  });

  it("answers again from a one-minute cache, then asks the registry afresh", async () => {
    await checkDomain({ ctx: anonymous(), input: { name: "cached-name" } });
    expect(eppChecks()).toBe(2);
    plantForeign(epp, "cached-name.com");
    const again = await checkDomain({ ctx: anonymous(), input: { name: "cached-name" } });
    expect(eppChecks()).toBe(2);
    expect(again.results[0]).toMatchObject({ name: "cached-name.com", status: "available" });
    clock.advance(61);
    const later = await checkDomain({ ctx: anonymous(), input: { name: "cached-name" } });
    expect(eppChecks()).toBe(4);
    expect(later.results[0]).toMatchObject({ name: "cached-name.com", status: "taken" });
  });

  it("asks a registrar for at most a minute's share of names from searches, then says to try again; checkout still asks", async () => {
    clock.advance(120);
    const statuses: string[] = [];
    for (let i = 0; statuses.length <= SEARCHES_PER_MINUTE; i++) {
      const { results } = await checkDomain({ ctx: anonymous(), input: { name: `burst-${i}` } });
      statuses.push(...results.filter((r) => r.zone !== "ru").map((r) => r.status));
    }
    expect(statuses.slice(0, SEARCHES_PER_MINUTE).every((s) => s === "available")).toBe(true);
    const { results } = await checkDomain({ ctx: anonymous(), input: { name: "one-more" } });
    expect(results[0]).toMatchObject({ status: "unknown", reason: "Many searches right now; try again in a minute" });
    const sent = eppChecks();
    const { ctx } = await payingClient();
    plantForeign(epp, "one-more.com");
    const refused = await caught(createOrder({ ctx, input: { items: [{ tariffId: comTariff, months: 12, params: { domain: "one-more.com" } }] } }));
    expect(refused?.message).toMatch(/no longer available/);
    expect(eppChecks()).toBe(sent + 1);
    clock.advance(61);
  });

  const payingClient = async () => {
    const client = await createClient(db(), 50_000);
    await db().update(clients).set({ phone: "+12015550123", address: "1 Main St", city: "Springfield", postcode: "62701", country: "US" }).where(eq(clients.id, client.id));
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    return { clientId: client.id, ctx: { db: db(), actor, clock } as Ctx };
  };
  const balanceOf = async (id: number) => (await db().select().from(clients).where(eq(clients.id, id)))[0]!.balance;

  it("refuses at payment a name registered elsewhere since checkout, before any money moves", async () => {
    const { clientId, ctx } = await payingClient();
    const item = { tariffId: comTariff, months: 12, params: { domain: "gone-meanwhile.com" } };
    // The search said available and is still cached: payment asks afresh anyway.
    await checkDomain({ ctx, input: { name: "gone-meanwhile.com" } });
    const { order } = await createOrder({ ctx, input: { items: [item] } });
    plantForeign(epp, "gone-meanwhile.com");
    const refused = await caught(payOrder({ ctx, input: { orderId: order.id } }));
    expect(refused).toBeInstanceOf(ValidationError);
    expect(refused?.message).toMatch(/no longer available: someone else registered it/);
    expect((refused as ValidationError).fields["items.0.params.domain"]).toBeDefined();
    expect(await balanceOf(clientId)).toBe(50_000);
    expect((await db().select().from(orders).where(eq(orders.id, order.id)))[0]!.status).toBe("unpaid");
    expect(await db().select().from(services).where(eq(services.clientId, clientId))).toEqual([]);
    expect(epp.state.calls.filter((c) => c.command === "create")).toEqual([]);
  });

  it("refuses at checkout a taken or reserved name, and sells a free one", async () => {
    const { clientId, ctx } = await payingClient();
    plantForeign(epp, "someone-has-it.com");
    epp.settings.reserved["kept-back.com"] = "Premium name";
    const taken = await caught(createOrder({ ctx, input: { items: [{ tariffId: comTariff, months: 12, params: { domain: "someone-has-it.com" } }] } }));
    expect(taken?.message).toMatch(/no longer available/);
    const premium = await caught(createOrder({ ctx, input: { items: [{ tariffId: comTariff, months: 12, params: { domain: "kept-back.com" } }] } }));
    expect(premium?.message).toMatch(/premium name \(Premium name\): it is not sold at the standard price/);
    expect(await db().select().from(orders).where(eq(orders.clientId, clientId))).toEqual([]);
    const { order } = await createOrder({ ctx, input: { items: [{ tariffId: comTariff, months: 12, params: { domain: "still-free.com" } }] } });
    const paid = await payOrder({ ctx, input: { orderId: order.id } });
    expect(paid.charged).toBe(true);
    expect(await balanceOf(clientId)).toBe(40_000);
  });
});
