import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { balanceEntries, clients, emailOutbox, invoices, operations, serviceHistory, services, tariffs } from "@/lib/db/schema";
import { runRenewals } from "@/lib/billing/renewals";
import { addMonths } from "@/lib/dates";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { recordPayment } from "@/lib/services/payments/record";
import { writeSettings } from "@/lib/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock, type TestClock } from "../helpers/clock";
import { createClient, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

const DAY = 86_400;
const PRICE = 500;

describe("renewals, suspension at expiry and closing after the grace period", () => {
  let sim: IspmanagerSimulator;
  let database: TestDatabase;
  let clock: TestClock;
  let tariffId: number;
  const db = () => database.db;

  beforeAll(async () => {
    sim = await startIspmanagerSimulator();
  });
  afterAll(async () => sim.close());
  afterEach(async () => database.close());
  beforeEach(async () => {
    sim.reset();
    database = await createTestDatabase();
    clock = testClock(new Date("2030-01-15T10:00:00Z"));
    const handler = await makeHandler(db(), { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: PRICE })).id;
    await writeSettings(db(), { graceDays: 5 });
  });

  /** A client whose balance after ordering is `left`; the service is set up on the panel and active. */
  async function activeService(left: number, addons: Record<string, number> = {}) {
    const orderPrice = PRICE + (addons.disk ?? 0) * 100;
    const client = await createClient(db(), orderPrice + left);
    const paid = await orderAndPay(db(), client.id, tariffId, { addons }, clock);
    await sweepOperations(db(), { clock });
    return { clientId: client.id, service: await service(paid.id) };
  }
  const tariffName = async () => (await db().select({ name: tariffs.name }).from(tariffs).where(eq(tariffs.id, tariffId)))[0]!.name;
  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const balance = async (clientId: number) => (await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance;
  const ops = (serviceId: number, kind: "prolong" | "suspend" | "close" | "resume") =>
    db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, kind)));
  const mails = async (serviceId: number) =>
    (await db().select().from(emailOutbox).where(eq(emailOutbox.serviceId, serviceId)).orderBy(emailOutbox.id)).map((m) => m.subject.split(":")[0]);
  const at = (date: Date, days: number) => clock.set(new Date(date.getTime() + days * DAY * 1000));
  const everything = async () => ({
    entries: await db().select().from(balanceEntries),
    invoices: await db().select().from(invoices),
    operations: await db().select().from(operations),
    emails: await db().select().from(emailOutbox),
    history: await db().select().from(serviceHistory),
  });

  it("charges an auto-renewal before expiry, once, and the panel's prolong extends the service", async () => {
    const { clientId, service: s } = await activeService(10_000, { disk: 2 });
    const expiry = s.expiresAt!;
    expect(expiry).toEqual(addMonths(new Date("2030-01-15T10:00:00Z"), 1));
    at(expiry, -5);
    expect((await runRenewals(db(), { clock })).renewed).toBe(0);
    at(expiry, -2);
    const first = await runRenewals(db(), { clock });
    expect(first).toMatchObject({ renewed: 1, failed: 0, suspended: 0 });
    expect(await balance(clientId)).toBe(10_000 - (PRICE + 200));
    const [renewal] = await db().select().from(invoices).where(and(eq(invoices.serviceId, s.id), eq(invoices.kind, "renewal")));
    expect(renewal).toMatchObject({ status: "paid", amount: PRICE + 200 });
    const before = await everything();
    expect(await runRenewals(db(), { clock })).toMatchObject({ renewed: 0, failed: 0, expiring: 0, suspended: 0, closed: 0 });
    expect(await everything()).toEqual(before);
    await sweepOperations(db(), { clock });
    const renewed = await service(s.id);
    expect(renewed.expiresAt).toEqual(addMonths(expiry, 1));
    expect(renewed.status).toBe("active");
    expect((await ops(s.id, "prolong"))[0]!.status).toBe("done");
    expect(await mails(s.id)).toEqual(["Your hosting is ready", "Service renewed"]);
  });

  it("unpaid: emails renewal-failed once, suspends at expiry, closes after the grace period; re-runs add nothing", async () => {
    const { clientId, service: s } = await activeService(100);
    const expiry = s.expiresAt!;
    at(expiry, -1);
    expect(await runRenewals(db(), { clock })).toMatchObject({ renewed: 0, failed: 1, invoiced: 1 });
    expect(await runRenewals(db(), { clock })).toMatchObject({ failed: 0, invoiced: 0 });
    const [unpaid] = await db().select().from(invoices).where(and(eq(invoices.serviceId, s.id), eq(invoices.kind, "renewal")));
    expect(unpaid).toMatchObject({ status: "unpaid", amount: PRICE, dueAt: expiry, renewalFor: expiry, renewalMonths: 1 });
    expect(await balance(clientId)).toBe(100);
    at(expiry, 0.01);
    expect(await runRenewals(db(), { clock })).toMatchObject({ suspended: 1, failed: 0 });
    const before = await everything();
    expect(await runRenewals(db(), { clock })).toMatchObject({ suspended: 0, closed: 0 });
    expect(await everything()).toEqual(before);
    await sweepOperations(db(), { clock });
    expect((await service(s.id)).status).toBe("suspended");
    expect(sim.state.users[s.remoteName]!.active).toBe(false);
    at(expiry, 4.9);
    expect(await runRenewals(db(), { clock })).toMatchObject({ closed: 0 });
    at(expiry, 5);
    expect(await runRenewals(db(), { clock })).toMatchObject({ closed: 1 });
    expect(await runRenewals(db(), { clock })).toMatchObject({ closed: 0 });
    await sweepOperations(db(), { clock });
    expect((await service(s.id)).status).toBe("closed");
    expect(sim.state.users[s.remoteName]).toBeUndefined();
    expect(await runRenewals(db(), { clock })).toMatchObject({ renewed: 0, failed: 0, suspended: 0, closed: 0, invoiced: 0 });
    expect(await db().select({ status: invoices.status, description: invoices.description }).from(invoices).where(and(eq(invoices.serviceId, s.id), eq(invoices.kind, "renewal"))))
      .toEqual([{ status: "cancelled", description: `Renewal of service #${s.id} (${(await tariffName())}, 1 month) (service closed)` }]);
    expect(await mails(s.id)).toEqual(["Your hosting is ready", "Service renewal failed", "Service suspended", "Service closed"]);
    const history = (await db().select().from(serviceHistory).where(eq(serviceHistory.serviceId, s.id)).orderBy(serviceHistory.id)).map((h) => h.message);
    expect(history).toEqual([
      "Paid; being set up", "Service set up", "Renewal invoice INV-2030-000002 issued: $5.00 due 2030-02-15", "Not paid by the expiry date; being suspended", "Service suspended",
      "Not renewed within the grace period; being closed", "Service closed",
    ]);
  });

  it("a top-up during the grace period renews a suspended service and resumes it", async () => {
    const { clientId, service: s } = await activeService(0);
    at(s.expiresAt!, 1);
    await runRenewals(db(), { clock });
    await sweepOperations(db(), { clock });
    expect((await service(s.id)).status).toBe("suspended");
    await recordPayment({ ctx: sys(db(), clock), input: { clientId, amount: 2000, currency: "USD", reference: "gw-topup-1" } });
    expect(await runRenewals(db(), { clock })).toMatchObject({ renewed: 1 });
    expect((await ops(s.id, "resume"))).toHaveLength(1);
    await sweepOperations(db(), { clock });
    const after = await service(s.id);
    expect(after.status).toBe("active");
    expect(after.expiresAt).toEqual(addMonths(clock.now(), 1));
    expect(sim.state.users[s.remoteName]!.active).toBe(true);
    expect(await balance(clientId)).toBe(2000 - PRICE);
  });

  it("without auto-renew: an expiring email once, then suspension at expiry", async () => {
    const { clientId, service: s } = await activeService(10_000);
    await db().update(services).set({ autoRenew: false }).where(eq(services.id, s.id));
    at(s.expiresAt!, -3);
    expect(await runRenewals(db(), { clock })).toMatchObject({ expiring: 1, renewed: 0 });
    at(s.expiresAt!, -1);
    expect(await runRenewals(db(), { clock })).toMatchObject({ expiring: 0 });
    at(s.expiresAt!, 0);
    expect(await runRenewals(db(), { clock })).toMatchObject({ suspended: 1, renewed: 0 });
    expect(await balance(clientId)).toBe(10_000);
    expect(await mails(s.id)).toEqual(["Your hosting is ready", "Service expires soon"]);
  });
});
