import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, balanceEntries, clients, operations, serviceHistory, services, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { writeSettings } from "@/lib/settings";
import type { Ctx } from "@/lib/services/context";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { changeAddons } from "@/lib/services/services/change-addons";
import { quoteAddons } from "@/lib/services/services/quote-addons";
import { renewalQuote } from "@/lib/services/services/renew";
import * as addonsRoute from "@/app/api/v1/services/[id]/addons/route";
import * as changeRoute from "@/app/api/v1/services/[id]/change-addons/route";
import { runChangeAddons } from "@/app/admin/services/run";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("add-on changes on a live service, prorated like plan changes", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let admin: Ctx;
  let hosting: number;
  let fixed: number;
  const db = () => database.db;
  const clock = testClock(new Date("2026-04-01T00:00:00Z"));
  const drain = () => sweepOperations(db(), { clock });
  const disk = { key: "disk", label: "Disk", unit: "GiB", amount: 1, addon: true, maxExtra: 10, unitPrice: 100 };
  const databases = { key: "databases", label: "Databases", unit: "", amount: 2, addon: true, maxExtra: 5, unitPrice: 30 };

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    sim = await startIspmanagerSimulator();
    const departmentId = (await createDepartment(db())).id;
    const isp = await makeHandler(db(), { module: "ispmanager", departmentId, connection: { url: sim.url, username: "admin", password: "secret", timeoutMs: 2000 } });
    hosting = (await makeTariff(db(), { handlerIds: [isp.id], price: 1000, resources: [disk, databases] })).id;
    fixed = (await makeTariff(db(), { handlerIds: [isp.id], price: 1000, resources: [{ ...disk, addon: false, maxExtra: 0 }] })).id;
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
    await writeSettings(db(), { retryIntervalSeconds: 60, maxAttempts: 1 });
  });
  afterAll(async () => {
    releaseAppDatabase();
    await sim.close();
    await database.close();
  });

  const balanceOf = async (clientId: number) => (await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance;
  const ledgerOf = (clientId: number) => db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)).orderBy(balanceEntries.id);
  const expectBalanceIsLedger = async (clientId: number) => {
    let running = 0;
    for (const e of await ledgerOf(clientId)) {
      running += e.amount;
      expect(e.balanceAfter).toBe(running);
    }
    expect(await balanceOf(clientId)).toBe(running);
  };
  const serviceOf = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const changeOps = (serviceId: number) => db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, "change_tariff")));
  const limitsOf = async (serviceId: number) => sim.state.users[(await serviceOf(serviceId)).remoteName]!.limits;

  /** A client with an active service bought with 2 extra GiB of disk on 1 April (paid until 1 May: 30 days), ten days later. */
  async function activeService(tariffId = hosting, balance = 5000) {
    clock.set(new Date("2026-04-01T00:00:00Z"));
    const client = await createClient(db(), 1000 + 2 * 100 + balance);
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    const service = await orderAndPay(db(), client.id, tariffId, { addons: tariffId === hosting ? { disk: 2 } : {} }, clock);
    await drain();
    expect(await serviceOf(service.id)).toMatchObject({ status: "active", expiresAt: new Date("2026-05-01T00:00:00Z") });
    clock.set(new Date("2026-04-11T00:00:00Z"));
    return { client, service, ctx: { db: db(), actor, clock } satisfies Ctx };
  }

  it("lists the add-ons with the extra units the service has, and quotes a change without changing anything", async () => {
    const { client, service, ctx } = await activeService();
    const { addons, quote } = await quoteAddons({ ctx, input: { serviceId: service.id } });
    expect(addons).toEqual([
      { key: "disk", label: "Disk", unit: "GiB", included: 1, extra: 2, maxExtra: 10, unitPrice: 100, currency: "USD" },
      { key: "databases", label: "Databases", unit: "", included: 2, extra: 0, maxExtra: 5, unitPrice: 30, currency: "USD" },
    ]);
    expect(quote).toBeNull();
    // 5 extra GiB instead of 2 for the 20 of 30 days left: credit 2/3 of $2.00, charge 2/3 of $5.00.
    const quoted = await quoteAddons({ ctx, input: { serviceId: service.id, addons: { disk: 5 } } });
    expect(quoted.quote).toMatchObject({ credit: 133, charge: 333, difference: 200, price: 1000 + 500, addons: { disk: 5, databases: 0 }, resources: { disk: 6, databases: 2 } });
    expect(await balanceOf(client.id)).toBe(5000);
    expect(await changeOps(service.id)).toHaveLength(0);
    await expect(quoteAddons({ ctx, input: { serviceId: service.id, addons: { disk: 11 } } })).rejects.toMatchObject({ code: "validation", fields: { "addons.disk": ["Choose from 0 to 10"] } });
    await expect(quoteAddons({ ctx, input: { serviceId: service.id, addons: { cpu: 1 } } })).rejects.toMatchObject({ code: "validation" });
    await expect(quoteAddons({ ctx, input: { serviceId: service.id, addons: { disk: 2 } } })).rejects.toMatchObject({ code: "unprocessable" });
  });

  it("adds units: charges the prorated difference, runs change_tariff on the panel, the new amounts and the next renewal's price hold once done", async () => {
    const { client, service, ctx } = await activeService();
    expect((await limitsOf(service.id)).limit_quota).toBe(String(3 * 1024));
    const done = await changeAddons({ ctx, input: { serviceId: service.id, addons: { disk: 5, databases: 1 } } });
    // Credit 2/3 of $2.00; charge 2/3 of ($5.00 + $0.30).
    expect(done).toMatchObject({ credit: 133, charge: 353, difference: 220, tariffId: hosting });
    expect(await balanceOf(client.id)).toBe(5000 - 220);
    expect((await ledgerOf(client.id)).slice(-2).map((e) => [e.kind, e.amount])).toEqual([["credit", 133], ["charge", -353]]);
    expect(await serviceOf(service.id)).toMatchObject({ pending: "change_tariff", resources: { disk: 3, databases: 2 } });
    const [history] = await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, service.id)).orderBy(serviceHistory.id).then((h) => h.slice(-1));
    expect(history!.message).toBe("Add-on change requested (Disk: 6 GiB (5 extra), Databases: 3 (1 extra)): $1.33 credited for the add-ons it had, $3.53 charged for the new ones");
    expect(await db().select().from(auditLog).where(and(eq(auditLog.action, "service.change_addons"), eq(auditLog.entityId, String(service.id))))).toHaveLength(1);
    await drain();
    expect((await changeOps(service.id))[0]!.status).toBe("done");
    const after = await serviceOf(service.id);
    expect(after).toMatchObject({ tariffId: hosting, pending: null, status: "active", resources: { disk: 6, databases: 3 } });
    expect(await limitsOf(service.id)).toMatchObject({ limit_quota: String(6 * 1024), limit_db: "3" });
    expect((await renewalQuote(db(), after))!.price).toBe(1000 + 5 * 100 + 30);
    await expectBalanceIsLedger(client.id);
  });

  it("removes units: credits the difference", async () => {
    const { client, service, ctx } = await activeService();
    const done = await changeAddons({ ctx, input: { serviceId: service.id, addons: { disk: 0 } } });
    expect(done).toMatchObject({ credit: 133, charge: 0, difference: -133 });
    expect(await balanceOf(client.id)).toBe(5133);
    await drain();
    expect(await serviceOf(service.id)).toMatchObject({ resources: { disk: 1, databases: 2 }, pending: null });
    await expectBalanceIsLedger(client.id);
  });

  it("refuses without enough balance, while a change runs, on a plan without add-ons, and another client's service", async () => {
    const { client, service, ctx } = await activeService(hosting, 100);
    const error = await changeAddons({ ctx, input: { serviceId: service.id, addons: { disk: 10 } } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unprocessable", message: expect.stringContaining("does not cover the difference") });
    expect(await balanceOf(client.id)).toBe(100);
    expect(await changeOps(service.id)).toHaveLength(0);
    await changeAddons({ ctx, input: { serviceId: service.id, addons: { disk: 3 } } });
    await expect(changeAddons({ ctx, input: { serviceId: service.id, addons: { disk: 4 } } })).rejects.toMatchObject({ code: "conflict" });
    const stranger = { db: db(), actor: (await createUser(db(), "client")).actor, clock };
    await expect(changeAddons({ ctx: stranger, input: { serviceId: service.id, addons: { disk: 4 } } })).rejects.toMatchObject({ code: "not_found" });
    const plain = await activeService(fixed);
    expect((await quoteAddons({ ctx: plain.ctx, input: { serviceId: plain.service.id } })).addons).toEqual([]);
    await expect(changeAddons({ ctx: plain.ctx, input: { serviceId: plain.service.id, addons: { disk: 1 } } })).rejects.toMatchObject({ code: "unprocessable" });
    await expectBalanceIsLedger(client.id);
  });

  it("a change that fails on the panel keeps the old resources and, cancelled, refunds the difference", async () => {
    const { client, service, ctx } = await activeService();
    await changeAddons({ ctx, input: { serviceId: service.id, addons: { disk: 8 } } });
    expect(await balanceOf(client.id)).toBe(5000 - (533 - 133));
    // The user went away on the panel: the change cannot be made there.
    delete sim.state.users[(await serviceOf(service.id)).remoteName];
    await drain();
    const [op] = await changeOps(service.id);
    expect(op!.status).toBe("manual");
    expect(await db().select().from(tasks).where(eq(tasks.operationId, op!.id))).toHaveLength(1);
    expect(await serviceOf(service.id)).toMatchObject({ resources: { disk: 3, databases: 2 } });
    await cancelOperation({ ctx: admin, input: { operationId: op!.id } });
    expect(await balanceOf(client.id)).toBe(5000);
    expect((await ledgerOf(client.id)).at(-1)).toMatchObject({ kind: "refund", amount: 400, note: expect.stringContaining("add-on change cancelled") });
    expect(await serviceOf(service.id)).toMatchObject({ resources: { disk: 3, databases: 2 }, pending: null, status: "active" });
    const [last] = (await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, service.id)).orderBy(serviceHistory.id)).slice(-1);
    expect(last!.message).toBe("The add-on change did not happen; the service keeps the resources it had; $4.00 returned to your balance");
    await expectBalanceIsLedger(client.id);
  });

  it("through the REST API: a client-bound key quotes and changes its own service's add-ons only", async () => {
    const { client, service } = await activeService();
    // The routes run on the real clock: the paid period ends 15 days from now.
    await db().update(services).set({ expiresAt: new Date(Date.now() + 15 * 86_400_000) }).where(eq(services.id, service.id));
    const own = await makeKey(db(), ["read", "services:write"], client.id);
    const readOnly = await makeKey(db(), ["read"], client.id);
    const other = await makeKey(db(), ["read", "services:write"], (await createClient(db())).id);
    const params = { id: String(service.id) };
    const listed = await call(addonsRoute.GET, "GET", "/a", { key: own, params });
    expect(listed.status).toBe(200);
    expect(listed.json).toMatchObject({ serviceId: service.id, quote: null, addons: [{ key: "disk", extra: 2 }, { key: "databases", extra: 0 }] });
    const quoted = await call(addonsRoute.GET, "GET", "/a", { key: own, params, query: "disk=4" });
    expect(quoted.status).toBe(200);
    const quote = quoted.json.quote as { credit: number; charge: number; difference: number };
    expect(quote.difference).toBe(quote.charge - quote.credit);
    expect(quote.difference).toBeGreaterThan(0);
    expect((await call(addonsRoute.GET, "GET", "/a", { key: other, params })).status).toBe(404);
    expect((await call(addonsRoute.GET, "GET", "/a", { key: own, params, query: "disk=abc" })).status).toBe(400);
    expect((await call(changeRoute.POST, "POST", "/c", { key: readOnly, params, body: { addons: { disk: 4 } } })).status).toBe(403);
    expect((await call(changeRoute.POST, "POST", "/c", { key: other, params, body: { addons: { disk: 4 } } })).status).toBe(404);
    expect((await call(changeRoute.POST, "POST", "/c", { key: own, params, body: { addons: { disk: 99 } } })).status).toBe(400);
    expect(await balanceOf(client.id)).toBe(5000);
    const changed = await call(changeRoute.POST, "POST", "/c", { key: own, params, body: { addons: { disk: 4 } } });
    expect(changed.status).toBe(202);
    expect(changed.json).toMatchObject({ operationId: expect.any(Number), addons: { disk: 4, databases: 0 }, resources: { disk: 5 } });
    expect(await balanceOf(client.id)).toBe(5000 - (changed.json.difference as number));
    expect((await call(changeRoute.POST, "POST", "/c", { key: own, params, body: { addons: { disk: 5 } } })).status).toBe(409);
    await expectBalanceIsLedger(client.id);
  });

  it("an admin changes the add-ons for the client from the service page: the amounts first, then the change", async () => {
    const { client, service } = await activeService();
    const form = new FormData();
    form.set("serviceId", String(service.id));
    form.set("addons.disk", "4");
    form.set("addons.databases", "0");
    const asked = await runChangeAddons(admin, form);
    expect(asked).toMatchObject({ ok: true, addons: { disk: 4, databases: 0 } });
    expect((asked as { confirm: string }).confirm).toBe(
      "Change to Disk: 5 GiB (4 extra), Databases: 2 for the rest of the paid period, until 2026-05-01? $1.33 is credited for the unused time of the add-ons the service has and $2.67 is charged for the new ones: $1.34 is taken from the client's balance. From the next period the service costs $14.00. The new amounts apply once the change is done on the server; if it cannot be done, the service keeps its resources and the difference comes back.",
    );
    expect(await balanceOf(client.id)).toBe(5000);
    form.set("step", "change");
    expect(await runChangeAddons(admin, form)).toMatchObject({ ok: true, message: expect.stringMatching(/^Changing the add-ons: \$1\.34 was taken from the client's balance\..*Operation #\d+\.$/) });
    expect(await balanceOf(client.id)).toBe(5000 - 134);
    const client2 = { db: db(), actor: (await createUser(db(), "client")).actor, clock };
    expect(await runChangeAddons(client2, form)).toMatchObject({ code: "not_found" });
    await drain();
    expect(await serviceOf(service.id)).toMatchObject({ resources: { disk: 5, databases: 2 }, pending: null });
    await expectBalanceIsLedger(client.id);
  });
});
