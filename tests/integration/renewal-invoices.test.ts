import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, isNull, like, sql } from "drizzle-orm";
import { balanceEntries, clients, invoices, operations, paymentSessions, serviceSuspensions, services } from "@/lib/db/schema";
import { runRenewals } from "@/lib/billing/renewals";
import { addMonths } from "@/lib/dates";
import type { AppError } from "@/lib/errors";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import type { Ctx } from "@/lib/services/context";
import { markInvoicePaid } from "@/lib/services/invoices/mark-paid";
import { payRenewalInvoice } from "@/lib/services/invoices/pay-renewal";
import { recordPayment } from "@/lib/services/payments/record";
import { getService } from "@/lib/services/services/get";
import { renewByCard } from "@/lib/services/services/renew-by-card";
import { renewService } from "@/lib/services/services/renew";
import { suspendService } from "@/lib/services/services/suspend";
import { writeSettings } from "@/lib/settings";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { testClock, type TestClock } from "../helpers/clock";
import { createClient, createUser, makeHandler, makeTariff, orderAndPay, sys } from "../helpers/factories";

const DAY = 86_400_000;
const PRICE = 500;
const ORIGIN = "http://localhost:3000";

describe("renewals that can be paid: any period sold, the difference by card, unpaid renewals as invoices", () => {
  let sim: IspmanagerSimulator;
  let database: TestDatabase;
  let clock: TestClock;
  let tariffId: number;
  const db = () => database.db;

  beforeAll(async () => {
    sim = await startIspmanagerSimulator();
    delete process.env.STRIPE_SECRET_KEY;
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

  /** A client (signed in as its user) with `count` active services and `left` on the balance after ordering them. */
  async function clientWith(left: number, count = 1) {
    const client = await createClient(db(), PRICE * count + left);
    const ids: number[] = [];
    for (let i = 0; i < count; i++) ids.push((await orderAndPay(db(), client.id, tariffId, {}, clock)).id);
    await sweepOperations(db(), { clock });
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    const ctx: Ctx = { db: db(), actor, clock };
    return { clientId: client.id, ctx, services: await Promise.all(ids.map(service)) };
  }
  const service = async (id: number) => (await db().select().from(services).where(eq(services.id, id)))[0]!;
  const balance = async (clientId: number) => (await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance;
  const renewalInvoices = (serviceId: number) =>
    db().select().from(invoices).where(and(eq(invoices.serviceId, serviceId), eq(invoices.kind, "renewal"))).orderBy(invoices.id);
  const ops = (serviceId: number, kind: "prolong" | "resume") => db().select().from(operations).where(and(eq(operations.serviceId, serviceId), eq(operations.kind, kind)));
  const held = async (serviceId: number) =>
    (await db().select().from(serviceSuspensions).where(and(eq(serviceSuspensions.serviceId, serviceId), isNull(serviceSuspensions.liftedAt)))).map((s) => s.reason);
  const at = (date: Date, days: number) => clock.set(new Date(date.getTime() + days * DAY));
  const fail = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

  /** The client's balance equals its ledger, and every renewal charge is matched by a paid renewal invoice naming that service and period. */
  async function ledgerHolds(clientId: number) {
    const [sum] = await db().select({ total: sql<string>`coalesce(sum(${balanceEntries.amount}), 0)` }).from(balanceEntries).where(eq(balanceEntries.clientId, clientId));
    expect(Number(sum!.total)).toBe(await balance(clientId));
    const charges = await db().select().from(balanceEntries).where(and(eq(balanceEntries.clientId, clientId), like(balanceEntries.reference, "renewal:%")));
    for (const charge of charges) {
      const [invoice] = await db().select().from(invoices).where(eq(invoices.id, charge.invoiceId!));
      const [, serviceId, expiry] = /^renewal:(\d+):(.+)$/.exec(charge.reference!)!;
      expect(invoice).toMatchObject({ kind: "renewal", status: "paid", amount: -charge.amount, serviceId: Number(serviceId) });
      expect(invoice!.renewalFor!.toISOString()).toBe(expiry);
    }
    return charges.length;
  }

  it("renews for another period the tariff sells: its price, the service's new period and expiry, an invoice naming the period", async () => {
    const { clientId, ctx, services: [s] } = await clientWith(PRICE * 10);
    const expiry = s!.expiresAt!;
    const offered = await getService({ ctx, input: { serviceId: s!.id } });
    expect(offered.renewals.map((r) => [r.months, r.price, r.newExpiry.toISOString()])).toEqual([
      [1, PRICE, addMonths(expiry, 1).toISOString()],
      [12, PRICE * 10, addMonths(expiry, 12).toISOString()],
    ]);
    expect(await fail(renewService({ ctx, input: { serviceId: s!.id, months: 3 } }))).toMatchObject({ code: "conflict" });
    expect(await fail(renewService({ ctx, input: { serviceId: s!.id, months: 5 } }))).toMatchObject({ code: "validation" });

    expect(await renewService({ ctx, input: { serviceId: s!.id, months: 12 } })).toMatchObject({ charged: true, price: PRICE * 10, months: 12 });
    expect(await renewService({ ctx, input: { serviceId: s!.id, months: 12 } })).toMatchObject({ charged: false });
    expect(await balance(clientId)).toBe(0);
    const [invoice] = await renewalInvoices(s!.id);
    expect(invoice).toMatchObject({ status: "paid", amount: PRICE * 10, renewalMonths: 12, renewalFor: expiry, description: expect.stringContaining("12 months") });
    await sweepOperations(db(), { clock });
    expect(await service(s!.id)).toMatchObject({ status: "active", months: 12, expiresAt: addMonths(expiry, 12) });
    expect(await ledgerHolds(clientId)).toBe(1);
  });

  it("a short balance: the card pays the difference into the renewal invoice, and a replayed payment renews once", async () => {
    const { clientId, ctx, services: [s] } = await clientWith(200);
    const expiry = s!.expiresAt!;
    const short = await fail(renewService({ ctx, input: { serviceId: s!.id } }));
    expect(short).toMatchObject({ code: "unprocessable", details: { code: "insufficient_funds", price: PRICE, balance: 200, difference: 300 } });
    expect(await renewalInvoices(s!.id)).toEqual([]);

    const started = await renewByCard({ ctx, input: { serviceId: s!.id, months: 1, origin: ORIGIN } });
    if (started.renewed) throw new Error("expected a card payment");
    expect(started.url).toMatch(/^http:\/\/localhost:3000\/pay\/demo\/demo_/);
    const again = await renewByCard({ ctx, input: { serviceId: s!.id, months: 1, origin: ORIGIN } });
    expect(again).toMatchObject({ renewed: false, invoiceId: started.invoiceId });
    const [invoice] = await renewalInvoices(s!.id);
    expect(invoice).toMatchObject({ id: started.invoiceId, status: "unpaid", amount: PRICE, renewalMonths: 1, renewalFor: expiry, dueAt: expiry });
    const [session] = await db().select().from(paymentSessions).where(eq(paymentSessions.invoiceId, started.invoiceId)).orderBy(paymentSessions.id);
    expect(session).toMatchObject({ gateway: "demo", status: "open", amount: 300, currency: "USD" });

    const pay = () => recordPayment({ ctx: sys(db(), clock), input: { clientId, amount: 300, currency: "USD", reference: session!.externalId } });
    expect((await pay()).created).toBe(true);
    expect((await pay()).created).toBe(false);
    expect(await balance(clientId)).toBe(0);
    expect(await renewalInvoices(s!.id)).toMatchObject([{ id: started.invoiceId, status: "paid" }]);
    expect(await ops(s!.id, "prolong")).toHaveLength(1);
    await sweepOperations(db(), { clock });
    expect((await service(s!.id)).expiresAt).toEqual(addMonths(expiry, 1));
    expect(await ledgerHolds(clientId)).toBe(1);
    const kinds = (await db().select().from(balanceEntries).where(eq(balanceEntries.clientId, clientId)).orderBy(balanceEntries.id)).map((e) => [e.kind, e.amount]);
    expect(kinds.slice(-2)).toEqual([["payment", 300], ["charge", -PRICE]]);
  });

  it("choosing another period replaces the unpaid renewal invoice of the first", async () => {
    const { ctx, services: [s] } = await clientWith(0);
    const first = await renewByCard({ ctx, input: { serviceId: s!.id, months: 1, origin: ORIGIN } });
    const second = await renewByCard({ ctx, input: { serviceId: s!.id, months: 12, origin: ORIGIN } });
    if (first.renewed || second.renewed) throw new Error("expected card payments");
    expect(second.invoiceId).not.toBe(first.invoiceId);
    expect(await renewalInvoices(s!.id)).toMatchObject([
      { id: first.invoiceId, status: "cancelled", description: expect.stringContaining("replaced by a renewal for 12 months") },
      { id: second.invoiceId, status: "unpaid", amount: PRICE * 10, renewalMonths: 12 },
    ]);
  });

  it("an admin marks a renewal invoice paid with money received elsewhere: the service is renewed, the balance unchanged", async () => {
    const { clientId, services: [s] } = await clientWith(0);
    at(s!.expiresAt!, -1);
    expect(await runRenewals(db(), { clock })).toMatchObject({ invoiced: 1 });
    const [invoice] = await renewalInvoices(s!.id);
    const admin = await createUser(db(), "admin");
    await markInvoicePaid({ ctx: { db: db(), actor: admin.actor, clock }, input: { invoiceId: invoice!.id, reason: "Bank transfer 42" } });
    expect(await renewalInvoices(s!.id)).toMatchObject([{ id: invoice!.id, status: "paid" }]);
    expect(await ops(s!.id, "prolong")).toHaveLength(1);
    expect(await balance(clientId)).toBe(0);
    expect(await ledgerHolds(clientId)).toBe(1);
  });

  it("the sweep makes one invoice per service and period, due at the expiry; paying it renews and lifts only the non-payment suspension", async () => {
    const { clientId, ctx, services: [a, b] } = await clientWith(0, 2);
    const expiry = a!.expiresAt!;
    at(expiry, -2);
    expect(await runRenewals(db(), { clock })).toMatchObject({ invoiced: 2, failed: 2 });
    expect(await runRenewals(db(), { clock })).toMatchObject({ invoiced: 0, failed: 0 });
    const [ia] = await renewalInvoices(a!.id);
    expect(ia).toMatchObject({ status: "unpaid", amount: PRICE, renewalMonths: 1, renewalFor: expiry, dueAt: expiry, number: expect.stringMatching(/^INV-2030-/) });
    expect(await renewalInvoices(b!.id)).toHaveLength(1);
    expect((await getService({ ctx, input: { serviceId: a!.id } })).renewalInvoice).toMatchObject({ id: ia!.id, amount: PRICE, months: 1 });

    at(expiry, 0.5);
    expect(await runRenewals(db(), { clock })).toMatchObject({ suspended: 2, invoiced: 0 });
    const admin = await createUser(db(), "admin");
    await suspendService({ ctx: { db: db(), actor: admin.actor, clock }, input: { serviceId: b!.id, reason: "abuse" } });
    await sweepOperations(db(), { clock });
    expect(await runRenewals(db(), { clock })).toMatchObject({ invoiced: 0, suspended: 0 });
    expect(await renewalInvoices(a!.id)).toHaveLength(1);

    expect(await fail(payRenewalInvoice({ ctx, input: { invoiceId: ia!.id } }))).toMatchObject({ details: { code: "insufficient_funds" } });
    await recordPayment({ ctx: sys(db(), clock), input: { clientId, amount: PRICE * 2, currency: "USD", reference: "bank-1" } });
    const [ib] = await renewalInvoices(b!.id);
    expect(await payRenewalInvoice({ ctx, input: { invoiceId: ia!.id } })).toMatchObject({ charged: true });
    expect(await payRenewalInvoice({ ctx, input: { invoiceId: ib!.id } })).toMatchObject({ charged: true });
    expect(await payRenewalInvoice({ ctx, input: { invoiceId: ia!.id } })).toMatchObject({ charged: false });
    expect(await ops(a!.id, "resume")).toHaveLength(1);
    expect(await ops(b!.id, "resume")).toEqual([]);
    await sweepOperations(db(), { clock });
    expect(await service(a!.id)).toMatchObject({ status: "active", expiresAt: addMonths(clock.now(), 1) });
    expect(await service(b!.id)).toMatchObject({ status: "suspended" });
    expect(sim.state.users[a!.remoteName]!.active).toBe(true);
    expect(sim.state.users[b!.remoteName]!.active).toBe(false);
    expect(await held(a!.id)).toEqual([]);
    expect(await held(b!.id)).toEqual(["abuse"]);
    expect(await balance(clientId)).toBe(0);
    expect(await ledgerHolds(clientId)).toBe(2);

    // The next period gets its own invoice, once.
    at((await service(a!.id)).expiresAt!, -1);
    expect((await runRenewals(db(), { clock })).invoiced).toBe(2);
    expect(await runRenewals(db(), { clock })).toMatchObject({ invoiced: 0 });
    expect((await renewalInvoices(a!.id)).map((i) => i.status)).toEqual(["paid", "unpaid"]);
  });
});
