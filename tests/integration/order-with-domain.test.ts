import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { balanceEntries, clients, invoiceLines, invoices, orderItems, services } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { registrationFromForm, storeItemFromForm } from "@/lib/billing/order-domain-choice";
import { startEppSimulator, type EppSimulator } from "@/lib/modules/epp/simulator";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { quoteOrderForm } from "@/lib/services/catalog/quote-order-form";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import type { Ctx } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";

/** A site ordered with "register a new domain" (or "transfer") carries that domain in the same order: one invoice, one payment, both set up. */
describe("store order form: hosting and its domain's registration in one order", () => {
  let database: TestDatabase;
  let epp: EppSimulator;
  let isp: IspmanagerSimulator;
  const clock = testClock();
  let hostingId: number;
  let domainId: number;
  let clientId: number;
  let owner: Ctx;
  let n = 0;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    epp = await startEppSimulator({ clID: "provisio", password: "epp-S3cret!" });
    isp = await startIspmanagerSimulator();
    const registrar = await makeHandler(db(), {
      module: "epp", productType: "domain", connection: { host: epp.host, port: epp.eppPort, username: "provisio", password: "epp-S3cret!", caCert: epp.testCert },
    });
    const panel = await makeHandler(db(), { module: "ispmanager", connection: { url: isp.url, username: "admin", password: "secret", timeoutMs: 2000 } });
    hostingId = (await makeTariff(db(), { handlerIds: [panel.id], price: 400 })).id;
    domainId = (await makeTariff(db(), { handlerIds: [registrar.id], productType: "domain", template: null, resources: [], tlds: ["example"], price: 120 })).id;
    clientId = (await createClient(db(), 1_000_000)).id;
    await db().update(clients).set({ phone: "+12015550123", address: "1 Main St", city: "Springfield", postcode: "62701", country: "US" }).where(eq(clients.id, clientId));
    owner = { db: db(), actor: (await createUser(db(), "client", { clientId })).actor, clock };
  });
  afterAll(async () => {
    await epp.close();
    await isp.close();
    await database.close();
  });

  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries({ tariffId: String(hostingId), productType: "hosting", months: "1", ...fields })) f.append(k, v);
    return f;
  };
  const quote = (fields: Record<string, string>) => {
    const f = form(fields);
    return quoteOrderForm({ ctx: owner, input: { items: [storeItemFromForm(f)], registration: registrationFromForm(f) } });
  };
  const balance = async () => (await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId))).reduce((sum, e) => sum + e.amount, 0);
  const strip = (items: Awaited<ReturnType<typeof quote>>["items"]) => items.map(({ tariffId, months, addons, params }) => ({ tariffId, months, addons, params }));
  const run = () => sweepOperations(db(), { clock });
  const ofOrder = async (orderId: number) => {
    const items = await db().select({ id: orderItems.id }).from(orderItems).where(eq(orderItems.orderId, orderId));
    return db().select().from(services).where(inArray(services.orderItemId, items.map((i) => i.id)));
  };

  it("register: the site and the domain's yearly registration are two lines of one invoice, paid once, and both are set up", async () => {
    const name = `site-${++n}-${Date.now() % 100000}.example`;
    const q = await quote({ domainChoice: "register", domain: name.toUpperCase() });
    expect(q.items.map((i) => [i.tariffId, i.months, i.params])).toEqual([[hostingId, 1, { domain: name }], [domainId, 12, { domain: name }]]);
    expect(q.total).toBe(400 + 1200);

    const { order } = await createOrder({ ctx: owner, input: { items: strip(q.items), idempotencyKey: `one-order-${name}` } });
    const bills = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(bills).toHaveLength(1);
    const lines = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, bills[0]!.id));
    expect(lines.map((l) => [l.domain, l.total]).sort()).toEqual([[name, 1200], [name, 400]].sort());
    expect(bills[0]!.amount).toBe(1600);

    const before = await balance();
    const paid = await payOrder({ ctx: owner, input: { orderId: order.id } });
    expect(await balance()).toBe(before - 1600);
    expect(paid.services).toHaveLength(2);
    await run();
    const rows = await ofOrder(order.id);
    expect(rows.map((s) => [s.productType, s.status, s.domain]).sort()).toEqual([["domain", "active", name], ["hosting", "active", name]]);
    expect(epp.state.domains[name]).toMatchObject({ clID: "provisio" });
    expect(Object.keys(isp.state.users)).toHaveLength(1);
  });

  it("a name already taken at the registry is refused on the form, before anything reaches the cart", async () => {
    const name = `taken-${++n}.example`;
    epp.state.domains[name] = {
      name, roid: "D700-OTHER", clID: "other-registrar", crDate: "2025-03-01T10:00:00.000Z", exDate: "2027-03-01T10:00:00.000Z", status: ["ok"], ns: [], glue: {},
      registrant: "x1", contacts: {}, authInfo: "Tr4nsfer-code!", pendingInfos: 0, renewals: 0,
    };
    const error = await quote({ domainChoice: "register", domain: name }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields["items.0.params.domain"]?.[0]).toContain("someone else registered it");

    // The same name brought with its auth code: the transfer joins the order instead.
    const transfer = await quote({ domainChoice: "transfer", domain: name, authCode: "Tr4nsfer-code!" });
    expect(transfer.items.map((i) => i.params)).toEqual([{ domain: name }, { domain: name, transfer: true, authCode: "Tr4nsfer-code!" }]);
    const missing = await quote({ domainChoice: "transfer", domain: name, authCode: " " }).catch((e: unknown) => e);
    expect((missing as ValidationError).fields["items.0.params.authCode"]).toEqual(["Enter the auth code from the domain's current registrar"]);

    const { order } = await createOrder({ ctx: owner, input: { items: strip(transfer.items) } });
    await payOrder({ ctx: owner, input: { orderId: order.id } });
    await run();
    expect(epp.state.domains[name]!.status).toEqual(["pendingTransfer"]);
    epp.transfer(name, "approve");
    clock.advance(2 * 3600);
    await run();
    const rows = await ofOrder(order.id);
    expect(rows.map((s) => [s.productType, s.status]).sort()).toEqual([["domain", "active"], ["hosting", "active"]]);
    expect(epp.state.domains[name]!.clID).toBe("provisio");
  });

  it("a transfer in the same order that the registry leaves unanswered past its pending period is cancelled and its part refunded; the site stays", async () => {
    const name = `stalled-${++n}.example`;
    epp.state.domains[name] = {
      name, roid: "D701-OTHER", clID: "other-registrar", crDate: "2025-03-01T10:00:00.000Z", exDate: "2027-03-01T10:00:00.000Z", status: ["ok"], ns: [], glue: {},
      registrant: "x1", contacts: {}, authInfo: "Tr4nsfer-code!", pendingInfos: 0, renewals: 0,
    };
    epp.settings.transferStalls = true;
    try {
      const q = await quote({ domainChoice: "transfer", domain: name, authCode: "Tr4nsfer-code!" });
      const { order } = await createOrder({ ctx: owner, input: { items: strip(q.items) } });
      await payOrder({ ctx: owner, input: { orderId: order.id } });
      const afterPaying = await balance();
      await run();
      expect(epp.state.domains[name]!.transfer?.trStatus).toBe("pending");
      // The registry's pending period ended more than a day ago and it never acted.
      epp.state.domains[name]!.transfer!.acDate = new Date(Date.now() - 25 * 3_600_000).toISOString();
      clock.advance(2 * 3600);
      await run();
      const rows = await ofOrder(order.id);
      expect(rows.map((s) => [s.productType, s.status]).sort()).toEqual([["domain", "closed"], ["hosting", "active"]]);
      expect(await balance()).toBe(afterPaying + 1200);
      expect(epp.state.domains[name]).toMatchObject({ clID: "other-registrar", transfer: { trStatus: "clientCancelled" } });
    } finally {
      epp.settings.transferStalls = false;
    }
  });

  it("adds nothing for a zone no domain tariff sells, a domain the client already holds, or a domain used as it is", async () => {
    expect((await quote({ domainChoice: "register", domain: `blog-${++n}.example.com` })).items).toHaveLength(1);
    const [held] = await db().select().from(services).where(and(eq(services.productType, "domain"), eq(services.status, "active"))).limit(1);
    expect((await quote({ domainChoice: "register", domain: held!.domain! })).items).toHaveLength(1);
    expect((await quote({ domainChoice: "own", domain: `mine-${++n}.example` })).items).toHaveLength(1);
  });
});
