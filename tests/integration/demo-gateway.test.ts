import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { clients, invoices, paymentSessions, payments, services } from "@/lib/db/schema";
import { paymentWebhookSecret } from "@/lib/local-secrets";
import { createOrder } from "@/lib/services/orders/create";
import { declineDemoPayment } from "@/lib/services/payments/decline-demo";
import { startPayment } from "@/lib/services/payments/start";
import { signPayload } from "@/lib/services/payments/signature";
import { POST } from "@/app/api/payments/webhook/route";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";

describe("the demo gateway: no card gateway set up, payments still arrive signed through the payment webhook", () => {
  let database: TestDatabase;
  let tariffId: number;
  let dataDir: string;
  const db = () => database.db;

  beforeAll(async () => {
    database = await createTestDatabase();
    useAppDatabase(database);
    dataDir = mkdtempSync(join(tmpdir(), "provisio-demo-gw-"));
    process.env.PROVISIO_DATA_DIR = dataDir;
    delete process.env.PAYMENT_WEBHOOK_SECRET;
    delete process.env.STRIPE_SECRET_KEY;
    const handler = await makeHandler(db(), { module: "manual" });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id], price: 1500 })).id;
  });
  afterAll(async () => {
    releaseAppDatabase();
    delete process.env.PROVISIO_DATA_DIR;
    rmSync(dataDir, { recursive: true, force: true });
    await database.close();
  });
  afterEach(() => {
    delete process.env.PAYMENT_WEBHOOK_SECRET;
  });

  const newClient = async () => {
    const client = await createClient(db());
    const { actor } = await createUser(db(), "client", { clientId: client.id });
    return { clientId: client.id, ctx: { db: db(), actor } };
  };
  /** What the demo gateway's "Pay" sends: the generic gateway event, signed with the webhook secret. */
  const gatewayPays = (session: { externalId: string; clientId: number; amount: number; currency: string }, secret: string) => {
    const body = JSON.stringify({ type: "payment.succeeded", data: { reference: session.externalId, clientId: session.clientId, amount: session.amount, currency: session.currency } });
    return POST(new Request("http://localhost/api/payments/webhook", { method: "POST", body, headers: { "x-provisio-signature": signPayload(body, secret) } }));
  };

  it("generates the webhook secret into the data folder, readable by its owner only, and keeps it", () => {
    const secret = paymentWebhookSecret();
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const file = join(dataDir, "secrets.json");
    expect(JSON.parse(readFileSync(file, "utf8")).paymentWebhookSecret).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(paymentWebhookSecret()).toBe(secret);
    process.env.PAYMENT_WEBHOOK_SECRET = "from-the-environment";
    expect(paymentWebhookSecret()).toBe("from-the-environment");
  });

  it("pays an invoice through the demo gateway: one payment, the order paid, the service set up", async () => {
    const { clientId, ctx } = await newClient();
    const { order } = await createOrder({ ctx, input: { items: [{ tariffId, months: 1 }] } });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    const started = await startPayment({ ctx, input: { invoiceId: invoice!.id, origin: "http://localhost:3000" } });
    const [session] = await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId));
    expect(session).toMatchObject({ gateway: "demo", status: "open", amount: 1500, currency: "USD" });
    expect(started.url).toBe(`http://localhost:3000/pay/demo/${session!.externalId}`);

    const secret = paymentWebhookSecret()!;
    expect((await gatewayPays(session!, "a-forged-secret")).status).toBe(401);
    const answers = await Promise.all([gatewayPays(session!, secret), gatewayPays(session!, secret)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);

    expect(await db().select().from(payments).where(eq(payments.clientId, clientId))).toHaveLength(1);
    expect((await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId)))[0]!.status).toBe("paid");
    expect((await db().select().from(invoices).where(eq(invoices.id, invoice!.id)))[0]!.status).toBe("paid");
    expect(await db().select({ status: services.status }).from(services).where(eq(services.clientId, clientId))).toEqual([{ status: "processing" }]);
    expect((await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance).toBe(0);
  });

  it("adds funds, and a declined demo payment credits nothing and cannot be declined by another client", async () => {
    const { clientId, ctx } = await newClient();
    const started = await startPayment({ ctx, input: { amount: 4000, origin: "http://localhost:3000" } });
    const [session] = await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId));
    const other = await newClient();
    await expect(declineDemoPayment({ ctx: other.ctx, input: { externalId: session!.externalId } })).rejects.toMatchObject({ code: "not_found" });
    await declineDemoPayment({ ctx, input: { externalId: session!.externalId } });
    expect((await db().select().from(paymentSessions).where(eq(paymentSessions.id, started.sessionId)))[0]).toMatchObject({ status: "failed", failureReason: "Declined on the demo payment page" });
    expect((await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance).toBe(0);

    const topUp = await startPayment({ ctx, input: { amount: 4000, origin: "http://localhost:3000" } });
    const [open] = await db().select().from(paymentSessions).where(eq(paymentSessions.id, topUp.sessionId));
    expect((await gatewayPays(open!, paymentWebhookSecret()!)).status).toBe(200);
    expect((await db().select().from(clients).where(eq(clients.id, clientId)))[0]!.balance).toBe(4000);
    await expect(startPayment({ ctx, input: { amount: 50, origin: "http://localhost:3000" } })).rejects.toMatchObject({ fields: { amount: ["Add at least 1.00"] } });
  });
});
