import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { connect } from "@/lib/db/connect";
import { privateDataDir } from "@/lib/db/private-dir";
import { auditLog, clients, emailOutbox } from "@/lib/db/schema";
import { decryptJson } from "@/lib/crypto";
import type { Ctx } from "@/lib/services/context";
import { quoteItems } from "@/lib/services/catalog/quote";
import { createOrder } from "@/lib/services/orders/create";
import { authenticate } from "@/lib/services/users/authenticate";
import { requestPasswordReset } from "@/lib/services/users/request-password-reset";
import { unlockSignIn } from "@/lib/services/users/unlock-sign-in";
import { testClock } from "../helpers/clock";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff, sys } from "../helpers/factories";

/** Every path under a folder with its permission bits. */
function modes(dir: string): [string, number][] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) => {
    const path = join(e.parentPath, e.name);
    return [path, statSync(path).mode & 0o777];
  });
}

describe("the embedded database's files are readable by their owner only", () => {
  const root = mkdtempSync(join(tmpdir(), "provisio-data-"));
  const saved = process.umask();
  afterAll(() => {
    process.umask(saved);
    rmSync(root, { recursive: true, force: true });
  });

  it("sets the data folder 0700 and keeps files away from others, also with a permissive umask and an old 0666 file", async () => {
    process.umask(0);
    const data = join(root, ".data");
    mkdirSync(join(data, "pglite"), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, "pglite", "old-file"), "x", { mode: 0o666 });
    privateDataDir(join(data, "pglite"));
    const database = await connect({ kind: "pglite", dataDir: join(data, "pglite") });
    await database.db.execute(sql`create table t (id int primary key, v text)`);
    await database.db.execute(sql`insert into t values (1, 'secret')`);
    await database.close();
    expect(statSync(data).mode & 0o777).toBe(0o700);
    const all = modes(data);
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter(([, mode]) => mode & 0o077)).toEqual([]);
  });
});

describe("forgot-password is limited per requester, not per victim", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("a flood from one address does not stop the owner's own reset mail", async () => {
    const { user } = await createUser(database.db, "admin");
    const clock = testClock(new Date("2026-05-01T10:00:00Z"));
    const ctx: Ctx = { db: database.db, actor: { type: "anonymous" }, clock };
    const mails = async () => (await database.db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email))).length;
    for (let i = 0; i < 12; i++) {
      await requestPasswordReset({ ctx, input: { email: user.email, ip: "203.0.113.66" } });
      clock.advance(60);
    }
    const flooded = await mails();
    expect(flooded).toBe(10); // then the address is locked for an hour
    await requestPasswordReset({ ctx, input: { email: user.email, ip: "198.51.100.7" } });
    expect(await mails()).toBe(flooded + 1);
    // The flooding address stays limited, whatever email it names next.
    const other = await createUser(database.db, "client");
    await requestPasswordReset({ ctx, input: { email: other.user.email, ip: "203.0.113.66" } });
    expect((await database.db.select().from(emailOutbox).where(eq(emailOutbox.to, other.user.email))).length).toBe(0);
  });
});

describe("order parameters: name servers are host names, the OS is one offered", () => {
  let database: TestDatabase;
  let clientId: number;
  let domainTariff: number;
  let vpsTariff: number;
  let hostingTariff: number;
  const order = (tariffId: number, params: Record<string, unknown>) =>
    createOrder({ ctx: sys(database.db), input: { clientId, items: [{ tariffId, months: 1, params }] } }).then(() => "accepted", (e: unknown) => e);
  const quote = (tariffId: number, params: Record<string, unknown>) =>
    quoteItems({ ctx: sys(database.db), input: { items: [{ tariffId, months: 1, params }] } }).then(() => "accepted", (e: unknown) => e);
  beforeAll(async () => {
    database = await createTestDatabase();
    clientId = (await createClient(database.db)).id;
    await database.db.update(clients).set({ phone: "+12015550123", address: "1 Main St", city: "Springfield", postcode: "12345", country: "US" }).where(eq(clients.id, clientId));
    const make = async (productType: "domain" | "vps" | "hosting") =>
      (await makeTariff(database.db, { productType, handlerIds: [(await makeHandler(database.db, { module: "manual", productType })).id], tlds: productType === "domain" ? ["com"] : [] })).id;
    [domainTariff, vpsTariff, hostingTariff] = [await make("domain"), await make("vps"), await make("hosting")];
  });
  afterAll(async () => database.close());

  it.each([
    ["a word that is no host name", ["not a host!"]],
    ["a single label", ["localhost"]],
    ["a label of 64 characters", [`${"a".repeat(64)}.example.net`]],
    ["a name longer than 253", [`${"abcdefghi.".repeat(26)}net`]],
    ["an address that is no IP", ["ns1.example.net 999.1.1.1"]],
    ["the same server twice", ["ns1.example.net", "NS1.example.net."]],
  ])("refuses name servers with %s, at checkout and in the quote", async (_what, nameservers) => {
    const params = { domain: `shop-${nameservers.length}.com`, nameservers };
    const refused = await order(domainTariff, params);
    expect(refused).toMatchObject({ code: "validation" });
    expect(Object.keys((refused as { fields: object }).fields)).toEqual([expect.stringMatching(/^items\.0\.params\.nameservers/)]);
    expect(await quote(domainTariff, params)).toMatchObject({ code: "validation" });
  });

  it("checks glue against the domain, and takes valid name servers", async () => {
    expect(await order(domainTariff, { domain: "glue-one.com", nameservers: ["ns1.glue-one.com"] })).toMatchObject({ code: "validation", fields: { "items.0.params.nameservers": [expect.stringMatching(/IP address/)] } });
    expect(await order(domainTariff, { domain: "glue-two.com", nameservers: ["ns1.example.net 192.0.2.1"] })).toMatchObject({ code: "validation" });
    expect(await order(domainTariff, { domain: "fine-one.com", nameservers: ["ns1.example.net", "ns2.fine-one.com 192.0.2.1, 2001:db8::1"] })).toBe("accepted");
  });

  it("takes an OS from the list for a virtual server only", async () => {
    expect(await order(vpsTariff, { os: "rm -rf /" })).toMatchObject({ code: "validation", fields: { "items.0.params.os": [expect.stringMatching(/Debian 12/)] } });
    expect(await quote(vpsTariff, { os: "<script>" })).toMatchObject({ code: "validation" });
    expect(await order(hostingTariff, { domain: "site-os.com", os: "Debian 12" })).toMatchObject({ code: "validation", fields: { "items.0.params.os": [expect.any(String)] } });
    expect(await order(vpsTariff, { os: "Debian 12", hostname: "vm1.example.net" })).toBe("accepted");
  });
});

describe("wrong passwords lock the guessing address, not the owner", () => {
  let database: TestDatabase;
  const clock = testClock(new Date("2026-06-01T10:00:00Z"));
  const ctx = (): Ctx => ({ db: database.db, actor: { type: "anonymous" }, clock });
  const attempt = (email: string, password: string, ip: string) => authenticate({ ctx: ctx(), input: { email, password, ip } }).catch((e: unknown) => e);
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("ten wrong passwords from one address lock that address only; the admin signs in from another", async () => {
    const { user } = await createUser(database.db, "admin", { password: "right password 42" });
    for (let failures = 0; failures < 10; ) {
      const answer = (await attempt(user.email, "wrong", "203.0.113.66")) as { details?: { retryAfterSeconds: number } } | null;
      if (answer?.details) clock.advance(answer.details.retryAfterSeconds); // told to wait: waits, as a patient guesser would
      else failures++;
    }
    expect(await attempt(user.email, "right password 42", "203.0.113.66")).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/locked/) });
    expect(await attempt(user.email, "right password 42", "198.51.100.7")).toMatchObject({ id: user.id });
  });

  it("wrong passwords from many addresses lock the account and mail its owner a one-time unlock link", async () => {
    clock.advance(3600);
    const { user } = await createUser(database.db, "client", { password: "right password 42" });
    for (let i = 0; i < 50; i++) expect(await attempt(user.email, "wrong", `192.0.2.${i + 1}`)).toBeNull();
    expect(await attempt(user.email, "right password 42", "198.51.100.7")).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/locked for 15 minutes/) });
    const mails = await database.db.select().from(emailOutbox).where(eq(emailOutbox.to, user.email));
    expect(mails.map((m) => [m.template, m.clientId])).toEqual([["sign-in-unlock", null]]);
    const url = decryptJson<{ url: string }>(mails[0]!.props).url;
    expect(url).toMatch(/\/unlock-sign-in\/[A-Za-z0-9_-]{43}$/);
    const token = url.split("/").at(-1)!;
    await expect(unlockSignIn({ ctx: ctx(), input: { token } })).resolves.toEqual({ email: user.email });
    expect(await attempt(user.email, "right password 42", "198.51.100.7")).toMatchObject({ id: user.id });
    await expect(unlockSignIn({ ctx: ctx(), input: { token } })).rejects.toMatchObject({ code: "validation" });
    const [row] = await database.db.select().from(auditLog).where(eq(auditLog.action, "user.unlock_sign_in"));
    expect(row).toMatchObject({ entity: "user", entityId: String(user.id) });
  });
});
