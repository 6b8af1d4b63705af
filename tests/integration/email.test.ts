import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, inArray, like } from "drizzle-orm";
import { decryptJson } from "@/lib/crypto";
import { emailOutbox } from "@/lib/db/schema/email-outbox";
import { DEFAULT_EMAIL_FROM, deliverEmails, readMailbox, resendEmail } from "@/lib/email/deliver";
import { enqueueEmail } from "@/lib/email/enqueue";
import { installationId } from "@/lib/installation";
import { renderEmail } from "@/lib/email/render";
import { serviceEmail, type ServiceForEmail } from "@/lib/email/service-emails";
import { templateNames, templates } from "@/lib/email/templates";
import { processingView } from "@/lib/health/processing";
import { dashboardTiles } from "@/lib/services/stats/dashboard";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createUser } from "../helpers/factories";

const envKeys = ["RESEND_API_KEY", "RESEND_BASE_URL", "EMAIL_FROM"] as const;
const savedEnv = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));

let shift = 1_000;
const clock = { now: () => new Date(Date.now() + shift) };

const hosting: ServiceForEmail = {
  id: 7,
  productType: "hosting",
  tariffName: "Hosting Start",
  details: { login: "u7", panelUrl: "https://panel.test:1500/ispmgr" },
  secrets: { password: "Very-Secret-77" },
  params: { domain: "shop.test" },
  expiresAt: new Date("2027-01-31T00:00:00Z"),
};

type Received = { method?: string; url?: string; headers: IncomingHttpHeaders; body: Record<string, unknown> };
type Fake = { received: Received[]; state: { status: number } };

/** Runs fn against a local stand-in for the Resend HTTP API, which the real SDK reaches via RESEND_BASE_URL. */
async function withFakeResend(fn: (fake: Fake) => Promise<void>) {
  const fake: Fake = { received: [], state: { status: 200 } };
  const server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      fake.received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(raw || "{}") });
      const ok = fake.state.status === 200;
      res.writeHead(fake.state.status, { "content-type": "application/json" });
      const refusal = fake.state.status === 401 ? { name: "invalid_api_key", message: "API key is invalid" } : { name: "internal_server_error", message: "fake outage" };
      res.end(JSON.stringify(ok ? { id: `re_fake_${fake.received.length}` } : { statusCode: fake.state.status, ...refusal }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fn(fake);
  } finally {
    delete process.env.RESEND_API_KEY;
    delete process.env.RESEND_BASE_URL;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("email", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    for (const k of envKeys) delete process.env[k];
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const k of envKeys) if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
    await database?.close();
  });
  const rowsTo = (to: string) => database.db.select().from(emailOutbox).where(eq(emailOutbox.to, to));

  it("renders every template with its preview props", async () => {
    expect(templateNames).toEqual(["welcome-hosting", "welcome-vps", "welcome-domain", "welcome-other", "service-status", "account-link", "task-notice", "task-digest", "sign-in-unlock", "order-confirmation", "invoice-issued", "payment-receipt", "invoice-reminder", "credit-note"]);
    for (const name of templateNames) {
      const email = await renderEmail(name, templates[name].component.PreviewProps as never);
      expect(email.subject.length).toBeGreaterThan(0);
      expect(email.html).toContain("Provisio");
      expect(email.text).toContain("Provisio");
    }
    const preview = templates["welcome-hosting"].component.PreviewProps;
    const { html } = await renderEmail("welcome-hosting", preview);
    for (const value of [preview.login, preview.password, preview.panelUrl]) expect(html).toContain(value);
  });

  it("chooses the template by product type and event", () => {
    expect(serviceEmail("welcome", hosting).template).toBe("welcome-hosting");
    const vps = { ...hosting, productType: "vps" as const, details: { ip: "203.0.113.5" }, params: { os: "Debian 12" } };
    expect(serviceEmail("welcome", vps)).toMatchObject({ template: "welcome-vps", props: { ip: "203.0.113.5", rootPassword: "Very-Secret-77" } });
    const domain = { ...hosting, productType: "domain" as const, params: { domain: "a.test", nameservers: ["ns1.a", "ns2.a"] } };
    expect(serviceEmail("welcome", domain)).toMatchObject({ template: "welcome-domain", props: { expiresAt: "2027-01-31" } });
    const dedicated = { ...hosting, productType: "dedicated" as const, details: { ip: "198.51.100.1" } };
    expect(serviceEmail("welcome", dedicated)).toMatchObject({ template: "welcome-other" });
    expect(serviceEmail("suspended", hosting, { reason: "unpaid" })).toMatchObject({
      template: "service-status",
      props: { status: "suspended", reason: "unpaid", name: "shop.test" },
    });
  });

  it("queues an email once per dedupe key, with encrypted props, inside a transaction", async () => {
    const email = { dedupeKey: "welcome:op:1", to: "local@client.test", ...serviceEmail("welcome", hosting) };
    const first = await database.db.transaction((tx) => enqueueEmail(tx, email));
    expect(first?.id).toBeGreaterThan(0);
    expect(await enqueueEmail(database.db, email)).toBeNull();
    const rows = await rowsTo("local@client.test");
    expect(rows).toHaveLength(1);
    expect(rows[0].subject).toBe("Your hosting is ready: shop.test");
    expect(rows[0].props).not.toContain("Very-Secret-77");
    expect(decryptJson(rows[0].props)).toMatchObject({ password: "Very-Secret-77" });

    await database.db
      .transaction(async (tx) => {
        await enqueueEmail(tx, { ...email, dedupeKey: "rolled-back", to: "gone@client.test" });
        throw new Error("roll back");
      })
      .catch(() => {});
    expect(await rowsTo("gone@client.test")).toHaveLength(0);
  });

  it("delivers to the local mailbox without RESEND_API_KEY, once", async () => {
    expect(await deliverEmails(database.db, { clock })).toEqual({ sent: 1, failed: 0, retried: 0 });
    const [row] = await rowsTo("local@client.test");
    expect(row).toMatchObject({ status: "sent", transport: "local", attempts: 1, providerId: null });
    const mail = await readMailbox(database.db, { to: "local@client.test" });
    expect(mail).toHaveLength(1);
    expect(mail[0].subject).toBe("Your hosting is ready: shop.test");
    expect(mail[0].text).toContain("Very-Secret-77");
    expect(mail[0].text).toContain("https://panel.test:1500/ispmgr");
    expect(await deliverEmails(database.db, { clock })).toEqual({ sent: 0, failed: 0, retried: 0 });
  });

  it("sends through the Resend SDK with the outbox id as idempotency key", () =>
    withFakeResend(async (fake) => {
      const queued = await enqueueEmail(database.db, { dedupeKey: "status:1", to: "resend@client.test", ...serviceEmail("renewed", hosting) });
      expect(await deliverEmails(database.db, { clock })).toMatchObject({ sent: 1 });
      expect(fake.received).toHaveLength(1);
      const [request] = fake.received;
      expect(request).toMatchObject({ method: "POST", url: "/emails" });
      const installation = await installationId(database.db);
      expect(installation).toMatch(/^[0-9a-f-]{12}$/);
      expect(request.headers["idempotency-key"]).toBe(`${installation}:email:${queued!.id}`);
      expect(request.headers.authorization).toBe("Bearer re_test_key");
      expect(request.body).toMatchObject({ to: "resend@client.test", from: DEFAULT_EMAIL_FROM, subject: "Service renewed: shop.test (#7)" });
      expect(request.body.html).toContain("2027-01-31");
      const [row] = await rowsTo("resend@client.test");
      expect(row).toMatchObject({ status: "sent", transport: "resend", providerId: "re_fake_1" });
    }));

  it("a refused key (Resend 401 or 403) fails the email at once, and the dashboard and /api/health say so", () =>
    withFakeResend(async (fake) => {
      fake.state.status = 401;
      await enqueueEmail(database.db, { dedupeKey: "status:key", to: "key@client.test", ...serviceEmail("expiring", hosting) });
      expect(await deliverEmails(database.db, { clock })).toEqual({ sent: 0, failed: 1, retried: 0 });
      const [row] = await rowsTo("key@client.test");
      expect(row).toMatchObject({ status: "failed", attempts: 1 });
      expect(row.lastError).toMatch(/^Resend refused RESEND_API_KEY \(401 /);
      const admin = (await createUser(database.db, "admin")).actor;
      expect((await dashboardTiles({ ctx: { db: database.db, actor: admin } })).emails).toMatchObject({ keyRefused: true });
      expect(await processingView(database.db)).toMatchObject({ emailKeyRefused: true });
      expect((await processingView(database.db)).emailsFailed).toBeGreaterThanOrEqual(1);
      await database.db.delete(emailOutbox).where(eq(emailOutbox.id, row.id));
    }));

  it("keeps an email the provider refused and retries it later", () =>
    withFakeResend(async (fake) => {
      fake.state.status = 500;
      await enqueueEmail(database.db, { dedupeKey: "status:2", to: "retry@client.test", ...serviceEmail("expiring", hosting) });
      expect(await deliverEmails(database.db, { clock })).toEqual({ sent: 0, failed: 0, retried: 1 });
      const [row] = await rowsTo("retry@client.test");
      expect(row).toMatchObject({ status: "queued", attempts: 1 });
      expect(row.lastError).toContain("fake outage");
      expect(row.runAt.getTime()).toBeGreaterThan(clock.now().getTime() + 20_000);
      expect(await deliverEmails(database.db, { clock })).toEqual({ sent: 0, failed: 0, retried: 0 });
      fake.state.status = 200;
      shift += 31_000;
      expect(await deliverEmails(database.db, { clock })).toMatchObject({ sent: 1 });
      expect((await rowsTo("retry@client.test"))[0]).toMatchObject({ status: "sent", attempts: 2, providerId: "re_fake_2" });
      const key = `${await installationId(database.db)}:email:${row.id}`;
      expect(fake.received.map((r) => r.headers["idempotency-key"])).toEqual([key, key]);
    }));

  it("takes over an email whose lease ran out, and queues copies on resend", async () => {
    const queued = await enqueueEmail(database.db, { dedupeKey: "status:3", to: "lease@client.test", ...serviceEmail("closed", hosting) });
    await database.db
      .update(emailOutbox)
      .set({ status: "sending", attempts: 1, leaseUntil: new Date(Date.now() - 1_000) })
      .where(eq(emailOutbox.id, queued!.id));
    expect(await deliverEmails(database.db, { clock })).toMatchObject({ sent: 1 });
    expect((await rowsTo("lease@client.test"))[0]).toMatchObject({ status: "sent", attempts: 2 });
    const copy1 = await resendEmail(database.db, queued!.id);
    const copy2 = await resendEmail(database.db, copy1.id);
    const copies = await database.db.select().from(emailOutbox).where(like(emailOutbox.dedupeKey, "status:3:%"));
    expect(copies.map((c) => c.dedupeKey).sort()).toEqual(["status:3:resend:1", "status:3:resend:2"]);
    expect(await deliverEmails(database.db, { clock })).toMatchObject({ sent: 2 });
    expect(await readMailbox(database.db, { to: "lease@client.test" })).toHaveLength(3);
    expect(copy2.id).toBeGreaterThan(copy1.id);
  });

  it("two concurrent deliveries send each of 30 emails exactly once", () =>
    withFakeResend(async (fake) => {
      const ids: number[] = [];
      for (let i = 0; i < 30; i++) {
        const queued = await enqueueEmail(database.db, { dedupeKey: `bulk:${i}`, to: `bulk${i}@client.test`, ...serviceEmail("resumed", hosting) });
        ids.push(queued!.id);
      }
      let sent = 0;
      for (let round = -1; round !== 0; sent += round) {
        const [a, b] = await Promise.all([deliverEmails(database.db, { clock, limit: 4 }), deliverEmails(database.db, { clock, limit: 4 })]);
        round = a.sent + b.sent;
      }
      expect(sent).toBe(30);
      const keys = fake.received.map((r) => Number(String(r.headers["idempotency-key"]).split(":email:")[1]));
      expect(keys.sort((a, b) => a - b)).toEqual(ids);
      const rows = await database.db.select().from(emailOutbox).where(inArray(emailOutbox.id, ids));
      expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.transport === "resend")).toBe(true);
    }));
});
