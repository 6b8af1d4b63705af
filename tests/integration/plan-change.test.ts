import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, balanceEntries, clients, operations, services, tasks } from "@/lib/db/schema";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { prorate } from "@/lib/billing/plan-change";
import { sweepOperations } from "@/lib/processing/sweep";
import { writeSettings } from "@/lib/settings";
import type { Ctx } from "@/lib/services/context";
import { cancelOperation } from "@/lib/services/operations/cancel";
import { changePlan } from "@/lib/services/services/change-plan";
import { quoteChange } from "@/lib/services/services/quote-change";
import * as plansRoute from "@/app/api/v1/services/[id]/plans/route";
import * as changeRoute from "@/app/api/v1/services/[id]/change-plan/route";
import { runChangePlan } from "@/app/admin/services/run";
import { planChangeWords } from "@/lib/billing/plan-words";
import { call, makeKey } from "../helpers/api";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock } from "../helpers/clock";
import { createClient, createDepartment, createUser, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("plan changes with proration", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  let admin: Ctx;
  let small: number;
  let big: number;
  let ghost: number;
  let vps: number;
  let domainHandler: number;
  const db = () => database.db;
  const clock = testClock(new Date("2026-04-01T00:00:00Z"));
  const drain = () => sweepOperations(db(), { clock });

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    sim = await startIspmanagerSimulator();
    const departmentId = (await createDepartment(db())).id;
    const isp = await makeHandler(db(), { module: "ispmanager", departmentId, connection: { url: sim.url, username: "admin", password: "secret", timeoutMs: 2000 } });
    small = (await makeTariff(db(), { handlerIds: [isp.id], price: 1000, template: "StarterPack" })).id;
    big = (await makeTariff(db(), { handlerIds: [isp.id], price: 2000, template: "AdvancedPack" })).id;
    // Served by the same panel, but its preset is not there: the change fails on the panel.
    ghost = (await makeTariff(db(), { handlerIds: [isp.id], price: 3000, template: "NoSuchPack" })).id;
    const manual = await makeHandler(db(), { module: "manual", departmentId, productType: "vps" });
    vps = (await makeTariff(db(), { handlerIds: [manual.id], productType: "vps", price: 1500, template: null })).id;
    domainHandler = (await makeHandler(db(), { module: "webnames", productType: "domain", connection: { url: "https://webnames.example.test", username: "r", password: "s" } })).id;
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

  /** A client with an active service on `tariffId`, opened on 1 April (paid until 1 May: 30 days), ten days later. */
  async function activeService(tariffId: number, price: number, extra = 0) {
    clock.set(new Date("2026-04-01T00:00:00Z"));
    const client = await createClient(db(), price + extra);
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    const service = await orderAndPay(db(), client.id, tariffId, {}, clock);
    await drain();
    expect(await serviceOf(service.id)).toMatchObject({ status: "active", expiresAt: new Date("2026-05-01T00:00:00Z") });
    clock.set(new Date("2026-04-11T00:00:00Z"));
    return { client, service, ctx: { db: db(), actor, clock } satisfies Ctx };
  }

  it("prorates to the nearest minor unit, halves up", () => {
    const service = { months: 1, expiresAt: new Date("2026-05-01T00:00:00Z") };
    const at = new Date("2026-04-11T00:00:00Z");
    expect(prorate(1000, service, at)).toBe(667);
    expect(prorate(2000, service, at)).toBe(1333);
    expect(prorate(3, { months: 1, expiresAt: new Date("2026-05-01T00:00:00Z") }, new Date("2026-04-16T00:00:00Z"))).toBe(2);
    expect(prorate(1000, service, new Date("2026-05-02T00:00:00Z"))).toBe(0);
  });

  it("quotes the credit for the old plan and the charge for the new one, changing nothing", async () => {
    const { client, service, ctx } = await activeService(small, 1000, 5000);
    const { choices } = await quoteChange({ ctx, input: { serviceId: service.id } });
    expect(choices.map((c) => c.tariffId)).toEqual([big, ghost]);
    expect(choices[0]).toMatchObject({ credit: 667, charge: 1333, difference: 666, price: 2000 });
    expect(await balanceOf(client.id)).toBe(5000);
    expect(await changeOps(service.id)).toHaveLength(0);
  });

  it("upgrades: charges the difference, runs change_tariff on the panel, and the new plan holds once it is done", async () => {
    const { client, service, ctx } = await activeService(small, 1000, 5000);
    const result = await changePlan({ ctx, input: { serviceId: service.id, tariffId: big } });
    expect(result).toMatchObject({ credit: 667, charge: 1333, difference: 666 });
    expect(await balanceOf(client.id)).toBe(5000 - 666);
    expect((await ledgerOf(client.id)).slice(-2).map((e) => [e.kind, e.amount])).toEqual([["credit", 667], ["charge", -1333]]);
    expect((await ledgerOf(client.id)).at(-1)!.note).toContain("rest of the period");
    // Not before the panel did it.
    expect(await serviceOf(service.id)).toMatchObject({ tariffId: small, pending: "change_tariff" });
    const [audit] = await db().select().from(auditLog).where(and(eq(auditLog.action, "service.change_plan"), eq(auditLog.entityId, String(service.id))));
    expect(audit).toBeDefined();
    await drain();
    expect((await changeOps(service.id))[0]!.status).toBe("done");
    expect(await serviceOf(service.id)).toMatchObject({ tariffId: big, pending: null, status: "active" });
    expect(sim.state.users[(await serviceOf(service.id)).remoteName]?.preset).toBe("AdvancedPack");
    await expectBalanceIsLedger(client.id);
  });

  it("downgrades: credits the difference to the balance", async () => {
    const { client, service, ctx } = await activeService(big, 2000);
    expect(await balanceOf(client.id)).toBe(0);
    await changePlan({ ctx, input: { serviceId: service.id, tariffId: small } });
    expect(await balanceOf(client.id)).toBe(666);
    await drain();
    expect(await serviceOf(service.id)).toMatchObject({ tariffId: small, pending: null });
    expect(sim.state.users[(await serviceOf(service.id)).remoteName]?.preset).toBe("StarterPack");
    await expectBalanceIsLedger(client.id);
  });

  it("refuses a plan of another product type, another client's service, and a module that cannot change tariffs", async () => {
    const { service, ctx } = await activeService(small, 1000, 5000);
    await expect(changePlan({ ctx, input: { serviceId: service.id, tariffId: vps } })).rejects.toMatchObject({ code: "unprocessable", message: "This plan cannot be chosen for this service" });
    const other = await createUser(db(), "client");
    const stranger = { db: db(), actor: other.actor, clock };
    await expect(quoteChange({ ctx: stranger, input: { serviceId: service.id } })).rejects.toMatchObject({ code: "not_found" });
    await expect(changePlan({ ctx: stranger, input: { serviceId: service.id, tariffId: big } })).rejects.toMatchObject({ code: "not_found" });
    expect(await changeOps(service.id)).toHaveLength(0);
    await db().update(services).set({ handlerId: domainHandler }).where(eq(services.id, service.id));
    expect((await quoteChange({ ctx, input: { serviceId: service.id } })).choices).toEqual([]);
    await expect(changePlan({ ctx, input: { serviceId: service.id, tariffId: big } })).rejects.toMatchObject({ code: "unprocessable" });
    await expect(changePlan({ ctx, input: { serviceId: service.id, tariffId: "x" } })).rejects.toMatchObject({ code: "validation" });
  });

  it("with too little balance says so and changes nothing", async () => {
    const { client, service, ctx } = await activeService(small, 1000, 600);
    const before = await ledgerOf(client.id);
    const error = await changePlan({ ctx, input: { serviceId: service.id, tariffId: big } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unprocessable", message: "The balance ($6.00) does not cover the difference of $6.66; nothing was changed" });
    expect(await ledgerOf(client.id)).toEqual(before);
    expect(await balanceOf(client.id)).toBe(600);
    expect(await changeOps(service.id)).toHaveLength(0);
    expect(await serviceOf(service.id)).toMatchObject({ tariffId: small, pending: null });
    expect(await db().select().from(auditLog).where(and(eq(auditLog.action, "service.change_plan"), eq(auditLog.entityId, String(service.id))))).toHaveLength(0);
    await expectBalanceIsLedger(client.id);
  });

  it("a change that fails on the panel and is cancelled keeps the old plan and refunds the difference", async () => {
    const { client, service, ctx } = await activeService(small, 1000, 5000);
    await changePlan({ ctx, input: { serviceId: service.id, tariffId: ghost } });
    expect(await balanceOf(client.id)).toBe(5000 - (2000 - 667));
    await drain();
    const [op] = await changeOps(service.id);
    expect(op!.status).toBe("manual");
    expect(await db().select().from(tasks).where(eq(tasks.operationId, op!.id))).toHaveLength(1);
    await cancelOperation({ ctx: admin, input: { operationId: op!.id } });
    expect(await balanceOf(client.id)).toBe(5000);
    expect((await ledgerOf(client.id)).at(-1)).toMatchObject({ kind: "refund", amount: 1333 });
    expect(await serviceOf(service.id)).toMatchObject({ tariffId: small, pending: null, status: "active" });
    expect(sim.state.users[(await serviceOf(service.id)).remoteName]?.preset).toBe("StarterPack");
    await expectBalanceIsLedger(client.id);
    // The next change is offered again and priced afresh.
    expect((await quoteChange({ ctx, input: { serviceId: service.id, tariffId: big } })).choices[0]).toMatchObject({ difference: 666 });
  });

  it("through the REST API: a client-bound key quotes and changes its own service's plan only", async () => {
    const { client, service } = await activeService(small, 1000, 5000);
    // The routes run on the real clock: the paid period ends 15 days from now.
    await db().update(services).set({ expiresAt: new Date(Date.now() + 15 * 86_400_000) }).where(eq(services.id, service.id));
    const own = await makeKey(db(), ["read", "services:write"], client.id);
    const readOnly = await makeKey(db(), ["read"], client.id);
    const other = await makeKey(db(), ["read", "services:write"], (await createClient(db())).id);
    const params = { id: String(service.id) };
    const quoted = await call(plansRoute.GET, "GET", "/p", { key: own, params, query: `tariffId=${big}` });
    expect(quoted.status).toBe(200);
    const [choice] = quoted.json.choices as { tariffId: number; credit: number; charge: number; difference: number }[];
    expect(choice).toMatchObject({ tariffId: big, difference: choice!.charge - choice!.credit });
    expect(choice!.difference).toBeGreaterThan(0);
    expect((await call(plansRoute.GET, "GET", "/p", { key: other, params })).status).toBe(404);
    expect((await call(plansRoute.GET, "GET", "/p", { key: own, params, query: "tariffId=abc" })).status).toBe(400);
    expect((await call(changeRoute.POST, "POST", "/c", { key: readOnly, params, body: { tariffId: big } })).status).toBe(403);
    expect((await call(changeRoute.POST, "POST", "/c", { key: other, params, body: { tariffId: big } })).status).toBe(404);
    expect((await call(changeRoute.POST, "POST", "/c", { key: own, params, body: { tariffId: vps } })).status).toBe(422);
    expect(await balanceOf(client.id)).toBe(5000);
    const changed = await call(changeRoute.POST, "POST", "/c", { key: own, params, body: { tariffId: big } });
    expect(changed.status).toBe(202);
    expect(changed.json).toMatchObject({ operationId: expect.any(Number), tariffId: big });
    expect(await balanceOf(client.id)).toBe(5000 - (changed.json.difference as number));
    expect((await call(changeRoute.POST, "POST", "/c", { key: own, params, body: { tariffId: big } })).status).toBe(409);
    await expectBalanceIsLedger(client.id);
  });

  it("an admin changes the plan for the client from the service page, after reading the amounts", async () => {
    const { client, service, ctx } = await activeService(small, 1000, 5000);
    const [choice] = (await quoteChange({ ctx: admin, input: { serviceId: service.id, tariffId: big } })).choices;
    expect(planChangeWords(choice!, "Small", "2026-05-01", "the client's").confirm).toBe(
      "Change to " + choice!.tariffName + " for the rest of the paid period, until 2026-05-01? $6.67 is credited for the unused time of Small and $13.33 is charged for " + choice!.tariffName +
        ": $6.66 is taken from the client's balance. The new plan applies once the change is done on the server; if it cannot be done, the plan stays and the difference comes back.",
    );
    // A Russian reader gets the same amounts in Russian words and money.
    expect(planChangeWords(choice!, "Small", "01.05.2026", "your", "ru").confirm.replace(/\s/g, " ")).toContain("начисляется 6,67 $, за " + choice!.tariffName + " списывается 13,33 $: 6,66 $ спишется с вашего баланса.");
    const form = new FormData();
    form.set("serviceId", String(service.id));
    form.set("tariffId", "not a number");
    expect(await runChangePlan(admin, form)).toMatchObject({ code: "validation" });
    form.set("tariffId", String(big));
    expect(await runChangePlan(admin, form)).toMatchObject({ ok: true, message: expect.stringContaining("Changing to") });
    expect(await balanceOf(client.id)).toBe(5000 - 666);
    // The client cannot change again while this change runs.
    await expect(changePlan({ ctx, input: { serviceId: service.id, tariffId: ghost } })).rejects.toMatchObject({ code: "conflict" });
    await drain();
    expect(await serviceOf(service.id)).toMatchObject({ tariffId: big, pending: null });
    await expectBalanceIsLedger(client.id);
  });
});
