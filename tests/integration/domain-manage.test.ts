import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, balanceEntries, clients, operations, orderItems, services, tasks } from "@/lib/db/schema";
import { encryptJson, decryptJson } from "@/lib/crypto";
import { startEppSimulator, type EppSimulator } from "@/lib/modules/epp/simulator";
import { startWebnamesSimulator } from "@/lib/modules/webnames/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { requestDomainChange } from "@/lib/services/domains/request-change";
import { domainSettings } from "@/lib/services/domains/settings";
import { updateProfile } from "@/lib/services/profile/update";
import type { Ctx } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

/** Domain changes after purchase through the engine, against the strict EPP simulator; a transfer in that is refused refunds. */

describe("domains: changes after purchase run as engine operations", () => {
  let database: TestDatabase;
  let sim: EppSimulator;
  const clock = testClock();
  let tariffId: number;
  let clientId: number;
  let owner: Ctx;
  let other: Ctx;
  let n = 0;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startEppSimulator({ clID: "provisio", password: "epp-S3cret!" });
    const handler = await makeHandler(db(), {
      module: "epp", productType: "domain", connection: { host: sim.host, port: sim.eppPort, username: "provisio", password: "epp-S3cret!", caCert: sim.testCert },
    });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], productType: "domain", template: null, resources: [], tlds: ["example"] })).id;
    clientId = (await createClient(db(), 1_000_000)).id;
    await db().update(clients).set({ phone: "+12015550123", address: "1 Main St", city: "Springfield", postcode: "62701", country: "US" }).where(eq(clients.id, clientId));
    const { actor } = await createUser(db(), "client", { clientId });
    owner = { db: db(), actor, clock };
    const stranger = (await createClient(db())).id;
    other = { db: db(), actor: (await createUser(db(), "client", { clientId: stranger })).actor, clock };
  });
  afterAll(async () => {
    await sim.close();
    await database.close();
  });

  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const run = () => sweepOperations(db(), { clock });
  async function registered(params: Record<string, unknown> = {}) {
    const name = `shop-${++n}-${Date.now() % 100000}.example`;
    const paid = await orderAndPay(db(), clientId, tariffId, { months: 12, params: { domain: name, ...params } }, clock);
    await run();
    return { id: paid.id, name };
  }

  it("name servers, the transfer lock and a new auth code: queued by the client, done by the module, audited without the code", async () => {
    const { id, name } = await registered();
    expect((await service(id)).status).toBe("active");
    expect(sim.state.domains[name]!.status).toEqual(["clientTransferProhibited"]);
    expect(await domainSettings({ ctx: owner, input: { serviceId: id } })).toMatchObject({ locked: true, offered: ["nameservers", "lock", "authcode", "contact"], change: null });

    await requestDomainChange({ ctx: owner, input: { serviceId: id, action: "nameservers", nameservers: ["ns1.new.test", `ns1.${name} 192.0.2.44`] } });
    // One change at a time: a second waits until the first is done.
    await expect(requestDomainChange({ ctx: owner, input: { serviceId: id, action: "lock", locked: false } })).rejects.toMatchObject({ code: "conflict" });
    expect((await domainSettings({ ctx: owner, input: { serviceId: id } })).change).toMatchObject({ action: "nameservers", status: "queued" });
    await run();
    expect(sim.state.domains[name]!.ns).toEqual(["ns1.new.test", `ns1.${name}`]);
    expect(sim.state.hosts[`ns1.${name}`]!.addrs).toEqual(["192.0.2.44"]);
    expect((await service(id)).details.nameservers).toBe(`ns1.new.test, ns1.${name}`);

    await requestDomainChange({ ctx: owner, input: { serviceId: id, action: "lock", locked: false } });
    await run();
    expect(sim.state.domains[name]!.status).toEqual(["ok"]);
    expect((await domainSettings({ ctx: owner, input: { serviceId: id } })).locked).toBe(false);

    const before = decryptJson<Record<string, string>>((await service(id)).secrets!).authInfo;
    await requestDomainChange({ ctx: owner, input: { serviceId: id, action: "authcode" } });
    await run();
    const after = decryptJson<Record<string, string>>((await service(id)).secrets!).authInfo;
    expect(after).not.toBe(before);
    expect(sim.state.domains[name]!.authInfo).toBe(after);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.entity, "service"), eq(auditLog.entityId, String(id))));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["domain.nameservers", "domain.lock", "domain.authcode"]));
    expect(JSON.stringify(audits)).not.toContain(after);
  });

  it("refuses a bad name server, a host under the domain without its address, and another client's domain, queuing nothing", async () => {
    const { id, name } = await registered();
    const count = async () => (await db().select().from(operations).where(and(eq(operations.serviceId, id), eq(operations.kind, "manage")))).length;
    await expect(requestDomainChange({ ctx: owner, input: { serviceId: id, action: "nameservers", nameservers: ["not a host"] } })).rejects.toMatchObject({ code: "unprocessable" });
    await expect(requestDomainChange({ ctx: owner, input: { serviceId: id, action: "nameservers", nameservers: [`ns1.${name}`] } })).rejects.toMatchObject({ message: expect.stringContaining("IP address") });
    await expect(requestDomainChange({ ctx: other, input: { serviceId: id, action: "lock", locked: false } })).rejects.toMatchObject({ code: "not_found" });
    expect(await count()).toBe(0);
  });

  it("a registration whose own name server has no address is registered without it, and the missing host becomes a task", async () => {
    const name = `glue-${Date.now() % 100000}.example`;
    // The store refuses such a name server at the order; a handler's defaults or an older order may still carry one.
    const paid = await orderAndPay(db(), clientId, tariffId, { months: 12, params: { domain: name } }, clock);
    await db().update(services).set({ params: { domain: name, nameservers: [`ns1.${name}`, "ns2.host.test"] } }).where(eq(services.id, paid.id));
    await run();
    expect((await service(paid.id)).status).toBe("active");
    expect(sim.state.domains[name]!.ns).toEqual(["ns2.host.test"]);
    await run();
    const [follow] = await db().select().from(operations).where(and(eq(operations.serviceId, paid.id), eq(operations.kind, "manage")));
    expect(follow).toMatchObject({ status: "manual" });
    const [task] = await db().select().from(tasks).where(eq(tasks.operationId, follow!.id));
    expect(task?.note).toContain("glue_missing");
  });

  it("a profile change sends the owner details to the registry", async () => {
    await registered();
    await updateProfile({ ctx: owner, input: { name: "Ann New Name", email: (await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.email, phone: "+12015550123", address: "2 Side St", city: "Shelbyville", postcode: "62702", country: "US" } });
    await run();
    const contact = Object.values(sim.state.contacts).find((c) => c.city === "Shelbyville");
    expect(contact).toMatchObject({ name: "Ann New Name", street: "2 Side St" });
  });

  it("a transfer order keeps the auth code sealed, waits out the pending period, and makes the domain active when approved", async () => {
    const name = `incoming-${Date.now() % 100000}.example`;
    // Not registered anywhere: a transfer is refused before any money moves.
    await expect(orderAndPay(db(), clientId, tariffId, { months: 12, params: { domain: name, transfer: true, authCode: "Tr4nsfer-code!" } }, clock)).rejects.toMatchObject({ message: expect.stringContaining("not registered yet") });
    await expect(orderAndPay(db(), clientId, tariffId, { months: 12, params: { domain: name, transfer: true } }, clock)).rejects.toMatchObject({ code: "validation" });
    sim.state.domains[name] = {
      name, roid: "D901-OTHER", clID: "other-registrar", crDate: "2025-03-01T10:00:00.000Z", exDate: "2027-03-01T10:00:00.000Z", status: ["ok"], ns: [], glue: {},
      registrant: "x1", contacts: {}, authInfo: "Tr4nsfer-code!", pendingInfos: 0, renewals: 0,
    };
    const paid = await orderAndPay(db(), clientId, tariffId, { months: 12, params: { domain: name, transfer: true, authCode: "Tr4nsfer-code!" } }, clock);
    const [item] = await db().select().from(orderItems).where(eq(orderItems.id, (await service(paid.id)).orderItemId!));
    expect(JSON.stringify(item!.params)).not.toContain("Tr4nsfer-code!");
    expect((await service(paid.id)).params).toEqual({ domain: name, transfer: true });
    expect(decryptJson<Record<string, string>>((await service(paid.id)).secrets!).transferCode).toBe("Tr4nsfer-code!");
    await run();
    expect(sim.state.domains[name]!.status).toEqual(["pendingTransfer"]);
    expect((await service(paid.id)).status).toBe("processing");
    sim.transfer(name, "approve");
    clock.advance(2 * 3600);
    await run();
    const s = await service(paid.id);
    expect(s).toMatchObject({ status: "active", details: { transfer: "completed", locked: "yes", expires_at: "2028-03-01" } });
    expect(sim.state.domains[name]!.clID).toBe("provisio");
  });

  it("a transfer through a registrar whose interface has none (Webnames) is refused at checkout", async () => {
    const wn = await startWebnamesSimulator({ username: "reseller", password: "secret" });
    try {
      const handler = await makeHandler(db(), { module: "webnames", productType: "domain", connection: { url: wn.url, username: "reseller", password: "secret" } });
      const ru = (await makeTariff(db(), { handlerIds: [handler.id], productType: "domain", template: null, resources: [], tlds: ["ru"] })).id;
      wn.plantForeign("elsewhere-7.ru");
      await expect(orderAndPay(db(), clientId, ru, { months: 12, params: { domain: "elsewhere-7.ru", transfer: true, authCode: "abc-123" } }, clock)).rejects.toMatchObject({ message: expect.stringContaining("does not take transfers") });
    } finally {
      await wn.close();
    }
  });

  it("a transfer in that the current registrar refuses closes the set-up and refunds to the balance", async () => {
    const name = `moving-${Date.now() % 100000}.example`;
    const balance = async () => (await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId))).reduce((sum, e) => sum + e.amount, 0);
    // The order's intake of a transfer (the auth code kept among the service's secrets) is the store's; here it is set directly.
    const paid = await orderAndPay(db(), clientId, tariffId, { months: 12, params: { domain: name } }, clock);
    await db().update(services).set({ params: { domain: name, transfer: true }, secrets: encryptJson({ transferCode: "Tr4nsfer-code!" }) }).where(eq(services.id, paid.id));
    sim.state.domains[name] = {
      name, roid: "D900-OTHER", clID: "other-registrar", crDate: "2025-03-01T10:00:00.000Z", exDate: "2027-03-01T10:00:00.000Z", status: ["ok"], ns: [], glue: {},
      registrant: "x1", contacts: {}, authInfo: "Tr4nsfer-code!", pendingInfos: 0, renewals: 0,
    };
    const afterPaying = await balance();
    await run();
    expect(sim.state.domains[name]!.status).toEqual(["pendingTransfer"]);
    const settings = await domainSettings({ ctx: owner, input: { serviceId: paid.id } });
    expect(settings.transfer?.until?.slice(0, 10)).toBe(sim.state.domains[name]!.transfer!.acDate.slice(0, 10));
    sim.transfer(name, "reject");
    clock.advance(2 * 3600);
    await run();
    expect((await service(paid.id)).status).toBe("closed");
    expect(await balance()).toBeGreaterThan(afterPaying);
    expect(sim.state.domains[name]!.clID).toBe("other-registrar");
  });
});
