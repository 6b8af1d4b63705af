import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { clients, couponRedemptions, coupons, invoiceLines, invoices } from "@/lib/db/schema";
import type { Ctx } from "@/lib/services/context";
import { createOrder } from "@/lib/services/orders/create";
import { createCoupon } from "@/lib/services/coupons/create";
import { disableCoupon } from "@/lib/services/coupons/disable";
import { listCoupons } from "@/lib/services/coupons/list";
import { previewCoupon } from "@/lib/services/coupons/preview";
import { saveTaxRate } from "@/lib/services/tax/save-rate";
import { updateTaxSettings } from "@/lib/services/tax/update-settings";
import { ValidationError } from "@/lib/errors";
import { runCreateCoupon } from "@/app/admin/coupons/run";
import { payOrder } from "@/lib/services/orders/pay";
import { renewalQuote } from "@/lib/services/services/renewal-quote";
import { chargeRenewal } from "@/lib/services/services/charge-renewal";
import { services } from "@/lib/db/schema";
import { paidFor } from "@/lib/billing/paid-period";
import { getInvoiceDocument } from "@/lib/services/invoices/get-document";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, siteDomain, sys } from "../helpers/factories";
import { testClock } from "../helpers/clock";

/** Coupons end to end through checkout (PGlite, or PostgreSQL with DATABASE_URL for real concurrency). */
describe("coupons: discount lines before tax, restrictions, limits and refusals", () => {
  let database: TestDatabase;
  let admin: Ctx;
  let tariffA: number;
  let tariffB: number;
  const db = () => database.db;
  const clock = testClock(new Date("2026-05-04T09:00:00Z"));
  let n = 0;
  const code = (prefix: string) => `${prefix}${++n}`;

  async function coupon(input: Record<string, unknown>) {
    return createCoupon({ ctx: admin, input: { code: code("SAVE"), kind: "percent", percent: 10, ...input } });
  }
  async function order(clientId: number, input: { coupon?: string; tariffId?: number; months?: number }) {
    return createOrder({ ctx: sys(db(), clock), input: { clientId, coupon: input.coupon, items: [{ tariffId: input.tariffId ?? tariffA, months: input.months ?? 1, addons: {}, params: { domain: siteDomain() } }] } });
  }
  async function refusal(p: Promise<unknown>): Promise<string> {
    const error = await p.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).fields.coupon!.join(" ");
  }
  async function linesOf(orderId: number) {
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, orderId));
    const lines = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id)).orderBy(invoiceLines.position);
    return { invoice: invoice!, lines };
  }
  const newClient = async () => (await createClient(db())).id;

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = { db: db(), actor: (await createUser(db(), "admin")).actor, clock };
    await saveTaxRate({ ctx: admin, input: { country: "DE", region: "", percent: 19, name: "VAT" } });
    await updateTaxSettings({ ctx: admin, input: { sellerCountry: "DE", pricesIncludeTax: false } });
    const handler = await makeHandler(db(), { module: "manual", productType: "dedicated" });
    tariffA = (await makeTariff(db(), { handlerIds: [handler.id], price: 1000, productType: "dedicated", template: null })).id;
    tariffB = (await makeTariff(db(), { handlerIds: [handler.id], price: 2000, productType: "dedicated", template: null })).id;
  });
  afterAll(async () => database?.close());

  it("percent: its own negative line before tax, and tax on the discounted amount", async () => {
    const c = await coupon({ percent: 20 });
    const clientId = await newClient();
    await db().update(clients).set({ country: "DE" }).where(eq(clients.id, clientId));
    const { order: o } = await order(clientId, { coupon: c.code.toLowerCase() });
    const { invoice, lines } = await linesOf(o.id);
    expect(lines.map((l) => [l.description, l.net, l.taxAmount, l.total])).toEqual([
      [expect.any(String), 1000, 190, 1190],
      [`Coupon ${c.code} (20% off)`, -200, -38, -238],
    ]);
    // 19% of the discounted 800 is 152: the invoice is taxed on what the client pays.
    expect([invoice.subtotal, invoice.taxAmount, invoice.amount, o.total]).toEqual([800, 152, 952, 952]);
    const doc = await getInvoiceDocument({ ctx: admin, input: { invoiceId: invoice.id } });
    expect(doc.lines.map((l) => [l.description, l.net])).toEqual([[expect.any(String), 1000], [`Coupon ${c.code} (20% off)`, -200]]);
    expect(doc.taxes.map((t) => [t.taxName, t.taxRateBp, t.net, t.taxAmount])).toEqual([["VAT", 1900, 800, 152]]);
    const [r] = await db().select().from(couponRedemptions).where(eq(couponRedemptions.orderId, o.id));
    expect(r).toMatchObject({ couponId: c.id, clientId, invoiceId: invoice.id, amount: 200, currency: "USD" });
  });

  it("the cart's preview gives the discount checkout would give, or its refusal, and writes nothing", async () => {
    const { actor } = await createUser(db(), "client");
    const client: Ctx = { db: db(), actor, clock };
    const c = await coupon({ percent: 10 });
    const items = [{ tariffId: tariffA, months: 1, addons: {}, params: { domain: siteDomain() } }];
    const preview = await previewCoupon({ ctx: client, input: { items, coupon: c.code.toLowerCase() } });
    expect(preview).toMatchObject({ code: c.code, percent: 10, fixed: null, discount: 100, currency: "USD", subtotal: 1000, total: 900 });
    const [stored] = await db().select().from(coupons).where(eq(coupons.id, c.id));
    expect(stored!.uses).toBe(0);
    expect(await db().select().from(couponRedemptions).where(eq(couponRedemptions.couponId, c.id))).toHaveLength(0);
    const onlyB = await coupon({ tariffIds: [tariffB] });
    expect(await refusal(previewCoupon({ ctx: client, input: { items, coupon: onlyB.code } }))).toBe(`The coupon ${onlyB.code} does not apply to these plans or periods.`);
    expect(await refusal(previewCoupon({ ctx: client, input: { items, coupon: "NO-SUCH-CODE" } }))).toMatch(/There is no coupon "NO-SUCH-CODE"/);
    // Staff have no cart of their own.
    expect(await refusal(previewCoupon({ ctx: admin, input: { items, coupon: c.code } }))).toMatch(/Sign in as a client/);
  });

  it("fixed: the amount off, never more than the lines it applies to", async () => {
    const c = await coupon({ kind: "fixed", amount: 300, currency: "usd", percent: null });
    const { order: o } = await order(await newClient(), { coupon: c.code });
    expect((await linesOf(o.id)).lines[1]).toMatchObject({ description: `Coupon ${c.code} ($3.00 off)`, net: -300 });
    const big = await coupon({ kind: "fixed", amount: 5000, currency: "USD" });
    const { order: free } = await order(await newClient(), { coupon: big.code });
    const { invoice } = await linesOf(free.id);
    expect([invoice.subtotal, invoice.amount, free.total]).toEqual([0, 0, 0]);
  });

  it("applies only to its tariffs and periods", async () => {
    const onlyB = await coupon({ tariffIds: [tariffB] });
    expect(await refusal(order(await newClient(), { coupon: onlyB.code }))).toMatch(/does not apply to these plans or periods/);
    const { order: b } = await order(await newClient(), { coupon: onlyB.code, tariffId: tariffB });
    expect((await linesOf(b.id)).lines[1]!.net).toBe(-200);
    const yearly = await coupon({ periods: [12] });
    expect(await refusal(order(await newClient(), { coupon: yearly.code, months: 1 }))).toMatch(/does not apply/);
    const { order: y } = await order(await newClient(), { coupon: yearly.code, months: 12 });
    expect((await linesOf(y.id)).lines[1]!.net).toBe(-1000);
  });

  it("refuses with a clear reason: unknown, expired, disabled, another currency", async () => {
    const clientId = await newClient();
    expect(await refusal(order(clientId, { coupon: "NO-SUCH" }))).toBe('There is no coupon "NO-SUCH". Check the code and try again.');
    const old = await coupon({ validUntil: new Date("2026-05-01T00:00:00Z") });
    expect(await refusal(order(clientId, { coupon: old.code }))).toBe(`The coupon ${old.code} expired on 2026-05-01.`);
    const stopped = await coupon({});
    await disableCoupon({ ctx: admin, input: { couponId: stopped.id } });
    expect(await refusal(order(clientId, { coupon: stopped.code }))).toMatch(/no longer valid/);
    const eur = await coupon({ kind: "fixed", amount: 500, currency: "EUR" });
    expect(await refusal(order(clientId, { coupon: eur.code }))).toBe(`The coupon ${eur.code} is for orders in EUR; this order is in USD.`);
    // Nothing was written for the refused orders.
    expect(await db().select().from(invoices).where(eq(invoices.clientId, clientId))).toEqual([]);
  });

  it("limits uses in all and per client", async () => {
    const twice = await coupon({ maxUses: 2 });
    await order(await newClient(), { coupon: twice.code });
    await order(await newClient(), { coupon: twice.code });
    expect(await refusal(order(await newClient(), { coupon: twice.code }))).toBe(`The coupon ${twice.code} has been used up.`);
    const once = await coupon({ maxUsesPerClient: 1 });
    const clientId = await newClient();
    await order(clientId, { coupon: once.code });
    expect(await refusal(order(clientId, { coupon: once.code }))).toBe(`You have already used the coupon ${once.code}.`);
    await order(await newClient(), { coupon: once.code });
    expect((await db().select().from(coupons).where(eq(coupons.id, once.id)))[0]!.uses).toBe(2);
  });

  it("holds the limits under concurrent orders", async () => {
    const three = await coupon({ maxUses: 3 });
    const buyers = await Promise.all(Array.from({ length: 8 }, () => newClient()));
    const outcomes = await Promise.allSettled(buyers.map((id) => order(id, { coupon: three.code })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(3);
    for (const o of outcomes) if (o.status === "rejected") expect((o.reason as ValidationError).fields.coupon).toEqual([`The coupon ${three.code} has been used up.`]);
    expect(await db().select().from(couponRedemptions).where(eq(couponRedemptions.couponId, three.id))).toHaveLength(3);
    expect((await db().select().from(coupons).where(eq(coupons.id, three.id)))[0]!.uses).toBe(3);

    const perClient = await coupon({ maxUsesPerClient: 1 });
    const clientId = await newClient();
    const mine = await Promise.allSettled(Array.from({ length: 5 }, () => order(clientId, { coupon: perClient.code })));
    expect(mine.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await db().select().from(couponRedemptions).where(eq(couponRedemptions.couponId, perClient.id))).toHaveLength(1);
  });

  it("codes are unique whatever the case, and only admins manage coupons", async () => {
    const c = await coupon({});
    await expect(createCoupon({ ctx: admin, input: { code: c.code.toLowerCase(), kind: "percent", percent: 5 } })).rejects.toMatchObject({ code: "conflict" });
    await expect(createCoupon({ ctx: admin, input: { code: "NOPERCENT", kind: "percent" } })).rejects.toBeInstanceOf(ValidationError);
    const client = { db: db(), actor: (await createUser(db(), "client")).actor, clock };
    await expect(createCoupon({ ctx: client, input: { code: "MINE", kind: "percent", percent: 50 } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listCoupons({ ctx: client })).rejects.toMatchObject({ code: "forbidden" });
    expect((await listCoupons({ ctx: admin })).map((x) => x.code)).toContain(c.code);
  });

  it("the admin form takes an amount in major units, lists of tariffs and periods, and a last valid day", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ code: "FORM-EUR5", kind: "fixed", amount: "5.00", currency: "eur", tariffIds: `${tariffA}, ${tariffB}`, periods: "12", validUntil: "2026-06-30", maxUsesPerClient: "1", recurring: "on" })) form.set(k, v);
    expect(await runCreateCoupon(admin, form)).toMatchObject({ ok: true });
    const [row] = await db().select().from(coupons).where(eq(coupons.code, "FORM-EUR5"));
    expect(row).toMatchObject({ kind: "fixed", amount: 500, currency: "EUR", percent: null, tariffIds: [tariffA, tariffB], periods: [12], recurring: true, maxUses: null, maxUsesPerClient: 1 });
    expect(row!.validUntil!.toISOString()).toBe("2026-06-30T23:59:59.000Z");
    form.set("code", "form-eur5");
    expect(await runCreateCoupon(admin, form)).toMatchObject({ error: "A coupon form-eur5 exists already." });
  });

  it("a recurring coupon also discounts renewals (its own line, taxed); a first-payment one does not", async () => {
    async function renewed(recurring: boolean) {
      const c = await coupon({ percent: 20, recurring });
      const clientId = await newClient();
      await db().update(clients).set({ country: "DE", balance: 100_000 }).where(eq(clients.id, clientId));
      const { order: o } = await order(clientId, { coupon: c.code });
      await payOrder({ ctx: sys(db(), clock), input: { orderId: o.id } });
      const [service] = await db().select().from(services).where(eq(services.clientId, clientId));
      await db().update(services).set({ status: "active", expiresAt: new Date("2026-06-04T09:00:00Z") }).where(eq(services.id, service!.id));
      const [live] = await db().select().from(services).where(eq(services.id, service!.id));
      const quote = await renewalQuote(db(), live!);
      const outcome = await db().transaction((tx) => chargeRenewal(tx, live!, { at: clock.now(), actorUserId: null }));
      const [invoice] = await db().select().from(invoices).where(and(eq(invoices.serviceId, live!.id), eq(invoices.kind, "renewal")));
      const lines = await db().select().from(invoiceLines).where(eq(invoiceLines.invoiceId, invoice!.id)).orderBy(invoiceLines.position);
      return { code: c.code, quote, outcome, invoice: invoice!, lines, paid: await paidFor(db(), live!) };
    }
    const rec = await renewed(true);
    expect(rec.quote).toMatchObject({ catalogPrice: 1000, price: 952 });
    expect(rec.outcome).toMatchObject({ kind: "renewed", price: 952 });
    expect(rec.lines.map((l) => [l.description, l.net, l.taxAmount])).toEqual([[expect.any(String), 1000, 190], [`Coupon ${rec.code} (20% off)`, -200, -38]]);
    expect(rec.invoice.amount).toBe(952);
    // What a refund can give back counts what was paid, the discount taken off (952 for the order, 952 for the renewal).
    expect(rec.paid.total).toBe(952 + 952);
    const first = await renewed(false);
    expect(first.quote).toMatchObject({ catalogPrice: 1000, price: 1190 });
    expect(first.lines.map((l) => l.net)).toEqual([1000]);
    expect(first.invoice.amount).toBe(1190);
  });
});
