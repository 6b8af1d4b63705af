import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { cardGateway, demoGatewayEnabled } from "@/lib/billing/card-gateway";
import { connect } from "@/lib/db/connect";
import type { Database } from "@/lib/db";
import { clients, invoices, paymentSessions } from "@/lib/db/schema";
import { readDatabaseUrl } from "@/lib/env";
import type { AppError } from "@/lib/errors";
import { createOrder } from "@/lib/services/orders/create";
import { declineDemoPayment } from "@/lib/services/payments/decline-demo";
import { startPayment } from "@/lib/services/payments/start";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { startFakeResend } from "../helpers/fake-resend";
import { createClient, createUser, makeHandler, makeTariff, sys } from "../helpers/factories";
import { freePort, waitUntil, type Started } from "../helpers/processes";
import { bin, createEmptyDatabase, dropDatabase, ensureProductionBuild, productionProcesses, root, server, signInOverHttp } from "../helpers/production-build";

/**
 * Second round, against production: the demo gateway does not exist there (no page, no action,
 * no button, whatever PAYMENT_WEBHOOK_SECRET or Stripe's variables say), and a web or worker
 * without a valid APP_URL does not start. The built web needs PostgreSQL (production refuses PGlite).
 */
const url = readDatabaseUrl();
const { node, close } = productionProcesses("provisio-sec-prod-");
const CLIENT_PASSWORD = "quiet lantern meadow 47";
const PRODUCTION_SECRETS = { PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString("hex"), STRIPE_WEBHOOK_SECRET: "whsec_test_only" };

/** The exit status, or "still running" when the process has not stopped within the time. */
const exitWithin = (p: Started, ms: number) => Promise.race([p.exited, new Promise<string>((resolve) => setTimeout(() => resolve("still running"), ms))]);

afterAll(close);

describe("the demo gateway is decided in one place", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await database.close();
  });

  it("never in production, whatever the payment or Stripe webhook secrets say; in the demo, development and tests when Stripe is not set up", () => {
    expect(cardGateway({ NODE_ENV: "production", ...PRODUCTION_SECRETS })).toBeNull();
    expect(cardGateway({ NODE_ENV: "production", PROVISIO_DEMO: "0", ...PRODUCTION_SECRETS })).toBeNull();
    expect(cardGateway({ NODE_ENV: "production", PROVISIO_DEMO: "1" })).toBe("demo");
    expect(cardGateway({ NODE_ENV: "development" })).toBe("demo");
    expect(cardGateway({ NODE_ENV: "test" })).toBe("demo");
    expect(cardGateway({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_x" })).toBe("stripe");
    expect(cardGateway({ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_x" })).toBe("stripe");
  });

  it("in production a client can neither start a card payment without Stripe nor use a demo session left from before", async () => {
    const db = database.db;
    const client = await createClient(db);
    const { actor } = await createUser(db, "client", { clientId: client.id });
    const ctx = { db, actor };
    const [left] = await db.insert(paymentSessions).values({ clientId: client.id, gateway: "demo", externalId: `demo_${randomUUID()}`, amount: 5_000_00, currency: "USD" }).returning();
    vi.stubEnv("NODE_ENV", "production");
    for (const [k, v] of Object.entries(PRODUCTION_SECRETS)) vi.stubEnv(k, v);
    vi.stubEnv("STRIPE_SECRET_KEY", "");
    vi.stubEnv("PROVISIO_DEMO", "");
    expect(demoGatewayEnabled()).toBe(false);
    const started = await startPayment({ ctx, input: { amount: 5_000_00, origin: "https://billing.example.test" } }).catch((e: unknown) => e);
    expect((started as AppError).message).toBe("Card payments are not available on this site");
    expect(await db.select().from(paymentSessions).where(eq(paymentSessions.clientId, client.id))).toHaveLength(1);
    const declined = await declineDemoPayment({ ctx, input: { externalId: left!.externalId } }).catch((e: unknown) => e);
    expect((declined as AppError).code).toBe("not_found");
    expect((await db.select().from(paymentSessions).where(eq(paymentSessions.id, left!.id)))[0]!.status).toBe("open");
  });
});

if (url) describe("a production build on PostgreSQL", () => {
  const dbName = `provisio_t_${process.ppid}_${process.pid}_secprod`;
  let dbUrl: string;
  let resend: Awaited<ReturnType<typeof startFakeResend>>;
  let database: Database;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    ensureProductionBuild();
    dbUrl = await createEmptyDatabase(url, dbName);
    resend = await startFakeResend();
    env = {
      NODE_ENV: "production",
      DATABASE_URL: dbUrl,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY!,
      EMAIL_FROM: "Billing <billing@example.test>",
      RESEND_API_KEY: "re_test",
      RESEND_BASE_URL: resend.url,
      APP_URL: "https://billing.example.test",
      INVOICE_SELLER_NAME: "Example Hosting Ltd",
      PROVISIO_RUNNER: "off",
      ...PRODUCTION_SECRETS,
    };
  }, 600_000);
  afterAll(async () => {
    await close();
    await database?.close();
    await resend?.close();
    await dropDatabase(url, dbName);
  });

  it("the web and a worker refuse to start without APP_URL, or with one that is not a bare http(s) address (exit 78, naming it)", async () => {
    const cases: [string, string | undefined, RegExp][] = [
      [server, undefined, /Cannot start the web: APP_URL: is required when NODE_ENV=production/],
      [server, "https://billing.example.test/billing?x=1", /Cannot start the web: APP_URL: must be/],
      [server, "billing.example.test", /Cannot start the web: APP_URL: must be/],
      [bin("worker"), undefined, /Cannot start the worker: APP_URL: is required when NODE_ENV=production/],
    ];
    const ports = await Promise.all(cases.map(() => freePort()));
    const started = cases.map(([script, value], i) => {
      const caseEnv: NodeJS.ProcessEnv = { ...env, APP_URL: value, PORT: String(ports[i]), HOSTNAME: "127.0.0.1" };
      if (value === undefined) delete caseEnv.APP_URL;
      return node(script, [], caseEnv);
    });
    for (const [i, p] of started.entries()) {
      expect(await exitWithin(p, 30_000), p.output()).toBe(78);
      expect(p.output()).toMatch(cases[i]![2]);
    }
  }, 120_000);

  it("with PAYMENT_WEBHOOK_SECRET and Stripe's webhook secret set but no Stripe key, a client sees no demo gateway and its action credits nothing", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const web = node(server, [], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1" });
    await web.waitFor(/migrations: (applied|up to date)/);
    await waitUntil("the web's health", async () => (await fetch(`${base}/api/health`).catch(() => null))?.ok ?? false);
    database = await connect({ kind: "postgres", url: dbUrl, max: 2 });
    const db = database.db;
    const client = await createClient(db);
    const { user } = await createUser(db, "client", { clientId: client.id, password: CLIENT_PASSWORD });
    const handler = await makeHandler(db, { module: "manual" });
    const tariff = await makeTariff(db, { handlerIds: [handler.id], price: 1500 });
    const { order } = await createOrder({ ctx: sys(db), input: { clientId: client.id, items: [{ tariffId: tariff.id, months: 1 }] } });
    const [invoice] = await db.select().from(invoices).where(eq(invoices.orderId, order.id));
    // A demo session as an attacker (or an older version) could leave behind.
    const ref = `demo_${randomUUID()}`;
    await db.insert(paymentSessions).values({ clientId: client.id, gateway: "demo", externalId: ref, amount: 9_000_00, currency: "USD" });

    const cookie = await signInOverHttp(base, user.email, CLIENT_PASSWORD, "/account");
    const page = async (path: string) => {
      const res = await fetch(`${base}${path}`, { headers: { cookie }, redirect: "manual" });
      return { status: res.status, html: await res.text() };
    };
    const balance = await page("/account/balance");
    expect(balance.status).toBe(200);
    expect(balance.html).toContain("Card payments are not available on this site");
    expect(balance.html).not.toMatch(/demo gateway|\/pay\/demo/i);
    const invoicePage = await page(`/account/invoices/${invoice!.id}`);
    expect(invoicePage.status).toBe(200);
    expect(invoicePage.html).toContain("from balance");
    expect(invoicePage.html).not.toMatch(/demo gateway|\/pay\/demo/i);
    expect((await page(`/pay/demo/${ref}`)).status).toBe(404);

    // The demo gateway's "Pay" server action, called directly as a browser would.
    const actionId = serverActionId("payDemoAction");
    const paid = await fetch(`${base}/pay/demo/${ref}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, "next-action": actionId, "content-type": "text/plain;charset=UTF-8", origin: base, accept: "text/x-component" },
      body: JSON.stringify([ref, {}, null]),
    });
    expect(paid.status).toBe(404);
    expect((await db.select().from(clients).where(eq(clients.id, client.id)))[0]!.balance).toBe(0);
    expect((await db.select().from(paymentSessions).where(eq(paymentSessions.externalId, ref)))[0]!.status).toBe("open");
  }, 180_000);

  it("the compiled create-admin refuses a weak password for the first admin", async () => {
    const cli = node(bin("create-admin"), ["--email", "ops@example.test", "--password-stdin"], env, "aaaaaaaaaaaa\n");
    expect(await cli.exited).toBe(1);
    expect(cli.output()).toMatch(/password: This password is too easy to guess/);
  });
});

/** The id Next gave a server action in this build (from the standalone server's action manifest). */
function serverActionId(name: string): string {
  const manifest = JSON.parse(readFileSync(join(root, ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in the build`);
  return found[0];
}
