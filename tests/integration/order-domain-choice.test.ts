import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { orderItems } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { storeItemFromForm } from "@/lib/billing/order-domain-choice";
import { quoteItems } from "@/lib/services/catalog/quote";
import { createOrder } from "@/lib/services/orders/create";
import type { Actor } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser, makeHandler, makeTariff } from "../helpers/factories";

/** The store's order form names its domain three ways: register, transfer (with an auth code), or one the client has. */
describe("store order form: register, transfer or use your own domain", () => {
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

  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    return f;
  };
  const quoteForm = (fields: Record<string, string>) =>
    quoteItems({ ctx: { db: db(), actor: anonymous }, input: { items: [storeItemFromForm(form(fields))] } });

  it("registers a new domain: the domain in punycode, no transfer", async () => {
    const q = await quoteForm({ tariffId: String(domainId), productType: "domain", months: "12", domainChoice: "register", domain: "Пример.РФ", authCode: "ignored" });
    expect(q.items[0]!.params).toEqual({ domain: "xn--e1afmkfd.xn--p1ai" });
  });

  it("transfers a domain with its auth code, which the order stores sealed", async () => {
    const item = storeItemFromForm(form({ tariffId: String(domainId), productType: "domain", months: "12", domainChoice: "transfer", domain: "moved.ru", authCode: " Xy9-secret " }));
    expect(item.params).toEqual({ domain: "moved.ru", transfer: true, authCode: "Xy9-secret" });
    const q = await quoteItems({ ctx: { db: db(), actor: anonymous }, input: { items: [item] } });
    expect(q.items[0]!.params).toMatchObject({ domain: "moved.ru", transfer: true });
    const order = await createOrder({ ctx: { db: db(), actor: client }, input: { items: [item] } });
    const [stored] = await db().select().from(orderItems).where(eq(orderItems.orderId, order.order.id));
    const params = stored!.params as Record<string, unknown>;
    expect(params.transfer).toBe(true);
    expect(params.authCode).toBeUndefined();
    expect(typeof params.authCodeSealed).toBe("string");
    expect(JSON.stringify(params)).not.toContain("Xy9-secret");
  });

  it("refuses a transfer without an auth code, saying where to get one", async () => {
    const error = await quoteForm({ tariffId: String(domainId), productType: "domain", months: "12", domainChoice: "transfer", domain: "moved.ru", authCode: "  " }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields["items.0.params.authCode"]).toEqual(["Enter the auth code from the domain's current registrar"]);
  });

  it("uses a domain the client has: the picked one wins over the typed one; without a pick, the typed one", async () => {
    const picked = await quoteForm({ tariffId: String(hostingId), productType: "hosting", months: "1", domainChoice: "own", ownDomain: "mine.ru", domain: "other.ru" });
    expect(picked.items[0]!.params).toEqual({ domain: "mine.ru" });
    const typed = await quoteForm({ tariffId: String(hostingId), productType: "hosting", months: "1", domainChoice: "own", ownDomain: "", domain: "WWW.Typed.ru" });
    expect(typed.items[0]!.params).toEqual({ domain: "typed.ru" });
  });

  it("a hosting item only names a domain it transfers (the transfer is the domain tariff's); a forged transfer is refused", async () => {
    const hosting = await quoteForm({ tariffId: String(hostingId), productType: "hosting", months: "1", domainChoice: "transfer", domain: "site.ru", authCode: "abc" });
    expect(hosting.items[0]!.params).toEqual({ domain: "site.ru" });
    const forged = await quoteForm({ tariffId: String(hostingId), productType: "domain", months: "1", domainChoice: "transfer", domain: "site.ru", authCode: "abc" }).catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(ValidationError);
    expect((forged as ValidationError).fields["items.0.params.transfer"]).toEqual(["Only a domain can be transferred"]);
  });
});
