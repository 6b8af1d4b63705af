import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, clients, invoices, orders, services } from "@/lib/db/schema";
import { AppError, ValidationError } from "@/lib/errors";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { updateProfile } from "@/lib/services/profile/update";
import { listCatalog } from "@/lib/services/catalog/list";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, sys } from "../helpers/factories";
import { missingContacts, type MissingContact } from "@/lib/billing/contacts";
import { translatorFor } from "@/lib/i18n/translator";

const fullProfile = { name: "Ann Registrant", company: "Ann & Co", email: "ann@example.test", phone: "+1 201-555-0123", address: "1 Main St", city: "Springfield", postcode: "62701", country: "us" };

describe("profile, registrant contacts at checkout, and one live service per domain", () => {
  let database: TestDatabase;
  let domainTariff: number;
  let hostingTariff: number;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    const epp = await makeHandler(db(), { module: "epp", productType: "domain", connection: { host: "127.0.0.1", port: 7, username: "registrar1", password: "pw" } });
    const cpanel = await makeHandler(db(), { module: "cpanel", connection: { url: "http://127.0.0.1:7", username: "root", apiToken: "token" } });
    domainTariff = (await makeTariff(db(), { handlerIds: [epp.id], productType: "domain", template: null, tlds: ["com"], resources: [], price: 1000 })).id;
    hostingTariff = (await makeTariff(db(), { handlerIds: [cpanel.id], price: 500 })).id;
  });
  afterAll(async () => database.close());

  const newClient = async (balance = 0) => {
    const client = await createClient(db(), balance);
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    return { clientId: client.id, ctx: { db: db(), actor } };
  };
  const clientRow = async (id: number) => (await db().select().from(clients).where(eq(clients.id, id)))[0]!;
  const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

  it("saves a client's own profile with the phone in E.164 and an ISO country, refuses bad input and other clients", async () => {
    const { clientId, ctx } = await newClient();
    const saved = await updateProfile({ ctx, input: fullProfile });
    expect(saved).toMatchObject({ phone: "+12015550123", country: "US", postcode: "62701", company: "Ann & Co" });
    const badPhone = await caught(updateProfile({ ctx, input: { ...fullProfile, phone: "12345", city: "Elsewhere" } }));
    expect(badPhone).toBeInstanceOf(ValidationError);
    expect((badPhone as ValidationError).fields.phone).toEqual(["Enter a phone number we can call, with its country code, e.g. +1 201 555 0123"]);
    const badCountry = await caught(updateProfile({ ctx, input: { ...fullProfile, country: "XX" } }));
    expect((badCountry as ValidationError).fields.country).toEqual(["Choose a country from the list"]);
    expect((await clientRow(clientId)).city).toBe("Springfield");
    const national = await updateProfile({ ctx, input: { ...fullProfile, phone: "020 7946 0958", country: "GB" } });
    expect(national.phone).toBe("+442079460958");

    const other = await newClient();
    expect((await caught(updateProfile({ ctx: other.ctx, input: { ...fullProfile, clientId, name: "Mallory" } })))?.code).toBe("forbidden");
    expect((await clientRow(clientId)).name).toBe("Ann Registrant");
  });

  it("lets an admin edit any client's profile, with an audit row", async () => {
    const { clientId } = await newClient();
    const { actor } = await createUser(db(), "admin");
    await updateProfile({ ctx: { db: db(), actor }, input: { ...fullProfile, clientId, name: "Fixed By Admin" } });
    expect((await clientRow(clientId)).name).toBe("Fixed By Admin");
    const [row] = await db().select().from(auditLog).where(and(eq(auditLog.action, "client.update_profile"), eq(auditLog.entityId, String(clientId))));
    expect(row).toMatchObject({ actorUserId: actor.type === "user" ? actor.userId : -1 });
    const { actor: staff } = await createUser(db(), "staff");
    expect((await caught(updateProfile({ ctx: { db: db(), actor: staff }, input: { ...fullProfile, clientId } })))?.code).toBe("forbidden");
  });

  it("refuses a domain order before payment while the registrant data is incomplete, then takes it", async () => {
    const { clientId, ctx } = await newClient();
    const input = { items: [{ tariffId: domainTariff, months: 12, params: { domain: "ann-shop.com" } }] };
    const refused = await caught(createOrder({ ctx, input }));
    expect(refused).toMatchObject({ code: "unprocessable", details: { code: "contacts_incomplete", missing: ["phone", "address", "city", "postcode", "country"] } });
    expect(refused!.message).toBe("The domain registry needs your full contact details. Please add your phone, address, city, postcode, country in your profile.");
    // The codes people's pages word in their language: the Russian profile and cart name the same fields.
    const fields = (refused!.details as { fields: MissingContact[] }).fields;
    expect(fields).toEqual(["phone", "address", "city", "postcode", "country"]);
    const ru = translatorFor("ru");
    expect(ru("contacts.incomplete", { fields: fields.map((f) => ru(`contacts.field.${f}`)).join(", ") })).toBe("Регистратору доменов нужны ваши полные контактные данные. Пожалуйста, укажите в профиле: телефон, адрес, город, почтовый индекс, страну.");
    expect(missingContacts({ ...fullProfile, phone: "12", country: "ZZ" } as never)).toEqual(["validPhone", "validCountry"]);
    expect(await db().select().from(orders).where(eq(orders.clientId, clientId))).toHaveLength(0);
    await updateProfile({ ctx, input: { ...fullProfile, email: "ann2@example.test" } });
    const { order } = await createOrder({ ctx, input });
    expect(order.total).toBe(10_000);
  });

  it("asks a cPanel hosting order for its domain, normalises it and refuses one another live service holds", async () => {
    const catalog = await listCatalog({ ctx: sys(db()) });
    expect(catalog.find((t) => t.id === hostingTariff)?.orderNeeds).toEqual(["domain"]);
    expect(catalog.find((t) => t.id === domainTariff)?.orderNeeds).toEqual(["contacts", "domain"]);
    const a = await newClient(10_000);
    const missing = await caught(createOrder({ ctx: a.ctx, input: { items: [{ tariffId: hostingTariff, months: 1 }] } }));
    expect((missing as ValidationError).fields).toEqual({ "items.0.params.domain": ["Enter the domain name of your site"] });
    const { order } = await createOrder({ ctx: a.ctx, input: { items: [{ tariffId: hostingTariff, months: 1, params: { domain: " WWW.Bücher-Laden.COM. " } }] } });
    const paid = await payOrder({ ctx: a.ctx, input: { orderId: order.id } });
    expect(paid.services[0]).toMatchObject({ domain: "xn--bcher-laden-thb.com", params: { domain: "xn--bcher-laden-thb.com" } });

    const b = await newClient(10_000);
    const taken = await caught(createOrder({ ctx: b.ctx, input: { items: [{ tariffId: hostingTariff, months: 1, params: { domain: "bücher-laden.com" } }] } }));
    expect((taken as ValidationError).fields).toEqual({ "items.0.params.domain": ["This domain is already hosted with us"] });
    // A domain registration of the same name is another kind of service: the hosting does not block it.
    await updateProfile({ ctx: b.ctx, input: { ...fullProfile, email: "b@example.test" } });
    await expect(createOrder({ ctx: b.ctx, input: { items: [{ tariffId: domainTariff, months: 12, params: { domain: "bücher-laden.com" } }] } })).resolves.toMatchObject({ created: true });
  });

  it("registers a domain name for one client only: at checkout, at payment, and in the database", async () => {
    const a = await newClient(100_000);
    const b = await newClient(100_000);
    await updateProfile({ ctx: a.ctx, input: { ...fullProfile, email: "a@example.test" } });
    await updateProfile({ ctx: b.ctx, input: { ...fullProfile, email: "b2@example.test" } });
    const item = { tariffId: domainTariff, months: 12, params: { domain: "contested.com" } };
    const first = await createOrder({ ctx: a.ctx, input: { items: [item] } });
    const second = await createOrder({ ctx: b.ctx, input: { items: [item] } });
    await payOrder({ ctx: a.ctx, input: { orderId: first.order.id } });
    const refused = await caught(payOrder({ ctx: b.ctx, input: { orderId: second.order.id } }));
    expect(refused?.message).toBe("This domain is already registered with us");
    expect((await clientRow(b.clientId)).balance).toBe(100_000);
    expect((await db().select().from(invoices).where(eq(invoices.orderId, second.order.id)))[0]!.status).toBe("unpaid");
    const atCheckout = await caught(createOrder({ ctx: b.ctx, input: { items: [item] } }));
    expect((atCheckout as ValidationError).fields).toEqual({ "items.0.params.domain": ["This domain is already registered with us"] });
    const twice = await caught(createOrder({ ctx: b.ctx, input: { items: [{ ...item, params: { domain: "twice.com" } }, { ...item, params: { domain: "TWICE.com" } }] } }));
    expect((twice as ValidationError).fields).toEqual({ "items.1.params.domain": ["This domain is already in this order"] });

    const [live] = await db().select().from(services).where(eq(services.domain, "contested.com"));
    const copy = { clientId: b.clientId, tariffId: domainTariff, productType: "domain" as const, status: "active" as const, remoteName: "contested.com", domain: "contested.com", months: 12 };
    await expect(db().insert(services).values(copy)).rejects.toThrow();
    await db().update(services).set({ status: "closed" }).where(eq(services.id, live!.id));
    await expect(createOrder({ ctx: b.ctx, input: { items: [item] } })).resolves.toMatchObject({ created: true });
  });

  it("refuses a checkout key that was used for another cart instead of returning the old order", async () => {
    const { ctx } = await newClient();
    const key = "checkout-key-reused-123";
    const first = await createOrder({ ctx, input: { items: [{ tariffId: hostingTariff, months: 1, params: { domain: "one.example.com" } }], idempotencyKey: key } });
    const again = await createOrder({ ctx, input: { items: [{ tariffId: hostingTariff, months: 1, addons: { disk: 0 }, params: { domain: "one.example.com" } }], idempotencyKey: key } });
    expect(again).toMatchObject({ created: false, order: { id: first.order.id } });
    const changed = await caught(createOrder({ ctx, input: { items: [{ tariffId: hostingTariff, months: 1, params: { domain: "two.example.com" } }], idempotencyKey: key } }));
    expect(changed).toMatchObject({ code: "conflict", details: { code: "checkout_key_reused" } });
  });
});
