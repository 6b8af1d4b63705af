import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { clients, services } from "@/lib/db/schema";
import { deliverEmails } from "@/lib/email/deliver";
import { printsDemoLinks } from "@/lib/email/demo-links";
import { enqueueEmail } from "@/lib/email/enqueue";
import { appUrl } from "@/lib/auth/app-url";
import { ConfigError } from "@/lib/env";
import { createAttemptLog } from "@/lib/modules/attempt-log";
import type { ServiceInfo } from "@/lib/modules/contract";
import { webnames } from "@/lib/modules/webnames";
import { startWebnamesSimulator, type WebnamesSimulator } from "@/lib/modules/webnames/simulator";
import type { Actor, Ctx } from "@/lib/services/context";
import { listMyEmails } from "@/lib/services/emails/list-mine";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { confirmContactEmail } from "@/lib/services/profile/confirm-email";
import { updateProfile } from "@/lib/services/profile/update";
import { requestPasswordReset } from "@/lib/services/users/request-password-reset";
import { signUp } from "@/lib/services/users/sign-up";
import { latestLinkToken } from "../helpers/account-links";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";
import { decryptJson } from "@/lib/crypto";
import { emailOutbox } from "@/lib/db/schema/email-outbox";

const envKeys = ["APP_URL", "PORT", "NODE_ENV", "PROVISIO_DEMO"] as const;
const savedEnv = Object.fromEntries(envKeys.map((k) => [k, process.env[k]]));
const setEnv = (values: Partial<Record<(typeof envKeys)[number], string | undefined>>) => {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) delete process.env[key];
    else (process.env as Record<string, string>)[key] = value;
  }
};
const contacts = { phone: "+12015550123", address: "1 Main St", city: "Springfield", postcode: "62701", country: "US" };
const caught = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as Error & { code?: string; fields?: Record<string, string[]> });
const year = 365 * 24 * 3_600_000;

describe("second round: mailbox takeover, poisoned links, domains held for another client", () => {
  let database: TestDatabase;
  const db = () => database.db;
  const ctx = (actor: Actor): Ctx => ({ db: db(), actor });

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());
  afterEach(() => setEnv(savedEnv));

  const clientRow = async (id: number) => (await db().select().from(clients).where(eq(clients.id, id)))[0]!;
  const linksIn = async (to: string) => {
    const rows = await db().select().from(emailOutbox).where(eq(emailOutbox.to, to));
    return rows.filter((r) => r.template === "account-link").map((r) => (decryptJson(r.props) as { url: string }).url);
  };

  describe("1. the client mailbox never shows another account's mail or a one-time link", () => {
    it("a client that saves the admin's address and asks for a reset never reads the admin's link", async () => {
      setEnv({ APP_URL: "https://billing.example.com" });
      const { user: admin } = await createUser(db(), "admin");
      const bob = await createClient(db());
      const { user: bobUser, actor: bobActor } = await createUser(db(), "client", { clientId: bob.id });
      await updateProfile({ ctx: ctx(bobActor), input: { name: bob.name, email: admin.email } });
      const anonymous: Ctx = { db: db(), actor: { type: "anonymous" } };
      await requestPasswordReset({ ctx: anonymous, input: { email: admin.email } });
      await requestPasswordReset({ ctx: anonymous, input: { email: bobUser.email } });
      // Staff mail to Bob's address, queued for no client, and news about Bob's own service.
      await enqueueEmail(db(), { dedupeKey: `staff-note:${bob.id}`, to: bob.email, template: "service-status", props: { serviceId: 1, tariffName: "Staff only", status: "closed" } });
      await enqueueEmail(db(), { dedupeKey: `bob-news:${bob.id}`, to: bob.email, clientId: bob.id, template: "service-status", props: { serviceId: 2, tariffName: "Bob's plan", status: "suspended" } });
      await deliverEmails(db(), { limit: 100 });
      expect(await latestLinkToken(db(), admin.email, "reset-password")).toMatch(/^[\w-]{43}$/);

      const mailbox = await listMyEmails({ ctx: ctx(bobActor) });
      expect(mailbox.map((m) => m.subject)).toEqual(["Service suspended: Bob's plan (#2)"]);
      expect(JSON.stringify(mailbox)).not.toMatch(/reset-password|verify-email|confirm-email/);
      // The address Bob typed is not used for anything until the link sent to it is opened.
      expect(await clientRow(bob.id)).toMatchObject({ email: bob.email, pendingEmail: admin.email.toLowerCase() });
    });

    it("a new contact email is used only once the link sent to it is opened, once, and only the newest link works", async () => {
      setEnv({ APP_URL: "https://billing.example.com" });
      const client = await createClient(db());
      const { actor } = await createUser(db(), "client", { clientId: client.id });
      const { actor: colleague } = await createUser(db(), "client", { clientId: client.id });
      const anonymous: Ctx = { db: db(), actor: { type: "anonymous" } };
      await updateProfile({ ctx: ctx(actor), input: { name: client.name, email: "Mine@Example.test" } });
      expect(await linksIn("mine@example.test")).toEqual([expect.stringMatching(/^https:\/\/billing\.example\.com\/confirm-email\/[\w-]{43}$/)]);
      expect(await linksIn(client.email)).toEqual([]);
      const mine = (await latestLinkToken(db(), "mine@example.test", "confirm-email"))!;
      // Another user of the same client asks for a different address: the first link no longer confirms anything.
      await updateProfile({ ctx: ctx(colleague), input: { name: client.name, email: "victim@example.test" } });
      expect((await caught(confirmContactEmail({ ctx: anonymous, input: { token: mine } })))?.code).toBe("validation");
      expect(await clientRow(client.id)).toMatchObject({ email: client.email, pendingEmail: "victim@example.test" });
      const victims = (await latestLinkToken(db(), "victim@example.test", "confirm-email"))!;
      await expect(confirmContactEmail({ ctx: anonymous, input: { token: victims } })).resolves.toEqual({ clientId: client.id, email: "victim@example.test" });
      expect(await clientRow(client.id)).toMatchObject({ email: "victim@example.test", pendingEmail: null });
      expect((await caught(confirmContactEmail({ ctx: anonymous, input: { token: victims } })))?.code).toBe("validation");
      // Saving the confirmed address again sends nothing; an admin's edit applies at once.
      await updateProfile({ ctx: ctx(actor), input: { name: client.name, email: "victim@example.test" } });
      expect(await linksIn("victim@example.test")).toHaveLength(1);
      const { actor: admin } = await createUser(db(), "admin");
      await updateProfile({ ctx: ctx(admin), input: { clientId: client.id, name: client.name, email: "fixed@example.test" } });
      expect(await clientRow(client.id)).toMatchObject({ email: "fixed@example.test", pendingEmail: null });
    });
  });

  it("the demo prints a newcomer's confirmation link where it runs; production never does", async () => {
    const print = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const email = `demo-${Date.now()}@example.test`;
      setEnv({ APP_URL: "http://localhost:3000", NODE_ENV: "production", PROVISIO_DEMO: "1" });
      expect(printsDemoLinks()).toBe(true);
      await signUp({ ctx: { db: db(), actor: { type: "anonymous" } }, input: { name: "Demo Newcomer", email, password: "a good long password" } });
      await deliverEmails(db(), { limit: 100 });
      expect(print).toHaveBeenCalledWith(expect.stringMatching(new RegExp(`^Demo mailbox: "Confirm your email address" for ${email}: http://localhost:3000/verify-email/[\\w-]{43}$`)));
      setEnv({ PROVISIO_DEMO: undefined });
      expect(printsDemoLinks()).toBe(false);
      print.mockClear();
      const { user } = await createUser(db(), "admin");
      await requestPasswordReset({ ctx: { db: db(), actor: { type: "anonymous" } }, input: { email: user.email } });
      await deliverEmails(db(), { limit: 100 });
      expect(await latestLinkToken(db(), user.email, "reset-password")).toMatch(/^[\w-]{43}$/);
      expect(print).not.toHaveBeenCalled();
    } finally {
      print.mockRestore();
    }
  });

  describe("3. links in emails come from APP_URL, never from the request", () => {
    it("a forged host never reaches the link; without APP_URL outside production it is localhost", async () => {
      const { user } = await createUser(db(), "admin");
      const anonymous: Ctx = { db: db(), actor: { type: "anonymous" } };
      setEnv({ APP_URL: undefined, PORT: undefined });
      // What the forgot-password action used to pass on from Host / X-Forwarded-Host.
      await requestPasswordReset({ ctx: anonymous, input: { email: user.email, linkBase: "https://evil.example" } });
      expect(await linksIn(user.email)).toEqual([expect.stringMatching(/^http:\/\/localhost:3000\/reset-password\/[\w-]{43}$/)]);

      setEnv({ APP_URL: "https://billing.example.com/" });
      const email = `new-${Date.now()}@example.test`;
      await signUp({ ctx: anonymous, input: { name: "New Client", email, password: "a good long password", linkBase: "https://evil.example" } });
      expect(await linksIn(email)).toEqual([expect.stringMatching(/^https:\/\/billing\.example\.com\/verify-email\/[\w-]{43}$/)]);
    });

    it("needs APP_URL in production and takes PORT for the local default", () => {
      expect(() => appUrl({ NODE_ENV: "production" })).toThrow(ConfigError);
      expect(() => appUrl({ NODE_ENV: "production" })).toThrow(/APP_URL/);
      expect(appUrl({ NODE_ENV: "production", APP_URL: "https://billing.example.com/" })).toBe("https://billing.example.com");
      expect(appUrl({ NODE_ENV: "production", PROVISIO_DEMO: "1", PORT: "4321" })).toBe("http://localhost:4321");
      expect(() => appUrl({ NODE_ENV: "test", APP_URL: "javascript:alert(1)" })).toThrow(/APP_URL/);
    });
  });

  describe("4. a domain registered through us stays its client's until it expires", () => {
    let sim: WebnamesSimulator;
    let domainTariff: number;
    let hostingTariff: number;

    beforeAll(async () => {
      sim = await startWebnamesSimulator({ username: "reseller", password: "secret" });
      const registrar = await makeHandler(db(), { module: "webnames", productType: "domain", connection: { url: sim.url, username: "reseller", password: "secret" } });
      const cpanel = await makeHandler(db(), { module: "cpanel", connection: { url: "http://127.0.0.1:7", username: "root", apiToken: "token" } });
      domainTariff = (await makeTariff(db(), { handlerIds: [registrar.id], productType: "domain", template: null, tlds: ["ru"], resources: [], price: 1000 })).id;
      hostingTariff = (await makeTariff(db(), { handlerIds: [cpanel.id], price: 500 })).id;
    });
    afterAll(async () => sim.close());

    const newClient = async () => {
      const client = await createClient(db(), 100_000);
      await db().update(clients).set(contacts).where(eq(clients.id, client.id));
      const { actor } = await createUser(db(), "client", { clientId: client.id });
      return { clientId: client.id, ctx: ctx(actor) };
    };
    const registered = async (clientId: number, domain: string, status: "closed" | "active", expiresAt: Date) => {
      await db().insert(services).values({ clientId, tariffId: domainTariff, productType: "domain", status, remoteName: domain, domain, months: 12, expiresAt });
    };
    const order = (c: { ctx: Ctx }, tariffId: number, domain: string) => createOrder({ ctx: c.ctx, input: { items: [{ tariffId, months: 12, params: { domain } }] } });

    it("refuses another client's order of a closed but still registered domain, and hosting on it, before any money moves", async () => {
      const alice = await newClient();
      const bob = await newClient();
      await registered(alice.clientId, "alice-shop.ru", "closed", new Date(Date.now() + year));
      const registration = await caught(order(bob, domainTariff, "alice-shop.ru"));
      expect(registration?.fields).toEqual({ "items.0.params.domain": ["This domain is already registered with us"] });
      const hosting = await caught(order(bob, hostingTariff, "alice-shop.ru"));
      expect(hosting?.message).toBe("This domain is registered with us for another account: hosting for it can be ordered only by that account");
      // The owner may host it, and a live registration blocks other clients' hosting too.
      await expect(order(alice, hostingTariff, "alice-shop.ru")).resolves.toMatchObject({ created: true });
      await registered(alice.clientId, "alice-live.ru", "active", new Date(Date.now() + year));
      expect((await caught(order(bob, hostingTariff, "alice-live.ru")))?.code).toBe("validation");
      // Once the registration has expired the name is free again.
      await registered(alice.clientId, "lapsed.ru", "closed", new Date(Date.now() - 24 * 3_600_000));
      await expect(order(bob, domainTariff, "lapsed.ru")).resolves.toMatchObject({ created: true });
    });

    it("refuses at payment an order placed before the domain went to another client", async () => {
      const alice = await newClient();
      const bob = await newClient();
      const { order: bobs } = await order(bob, hostingTariff, "raced.ru");
      await registered(alice.clientId, "raced.ru", "closed", new Date(Date.now() + year));
      const refused = await caught(payOrder({ ctx: bob.ctx, input: { orderId: bobs.id } }));
      expect(refused?.code).toBe("validation");
      const [row] = await db().select({ balance: clients.balance }).from(clients).where(eq(clients.id, bob.clientId));
      expect(row!.balance).toBe(100_000);
    });

    it("Webnames adopts a domain of the account only with proof that it was registered for this service", async () => {
      const createdAt = new Date(Date.now() - year);
      sim.state.domains["alice-old.ru"] = {
        name: "alice-old.ru", owner: "us", status: "approved", pollsLeft: 0, createdAt: createdAt.toISOString().slice(0, 10),
        expiresAt: new Date(Date.now() + year).toISOString().slice(0, 10), nameservers: ["ns1.webnames.ru"], contact: { e_mail: "alice@example.test" }, renewals: 0,
      };
      const bobs: ServiceInfo = {
        id: 900_001, productType: "domain", remoteName: "alice-old.ru", remoteId: null, template: null, resources: {}, params: { domain: "alice-old.ru" },
        months: 12, details: {}, secrets: {}, expiresAt: null, createdAt: new Date(),
        client: { id: 2, name: "Bob Client", email: "bob@example.test", phone: "+7.9001234567", country: "RU", city: "Moscow", address: "Tverskaya 1" },
      };
      const connection = { url: sim.url, username: "reseller", password: "secret" };
      const error = await caught(webnames.open({ connection, service: bobs, log: createAttemptLog(), params: {} }));
      expect(error).toMatchObject({ code: "exists_foreign", retryable: false });
      expect(error?.message).toContain("before this service was ordered");
      expect(sim.state.calls.filter((c) => c.page === "pispRegistration")).toHaveLength(0);
      // Its own registration, whose answer was lost, is still adopted on the next try.
      const own = { ...bobs, id: 900_002, remoteName: "bob-new.ru", params: { domain: "bob-new.ru" } };
      sim.setFaults({ loseAnswer: true });
      await caught(webnames.open({ connection, service: own, log: createAttemptLog(), params: {} }));
      await expect(webnames.open({ connection, service: own, log: createAttemptLog(), params: {} })).resolves.toMatchObject({ status: "done", adopted: true });
    });
  });
});
