import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "@/lib/db/rows";
import { clients } from "@/lib/db/schema";
import { find } from "@/lib/services/search/find";
import type { Ctx } from "@/lib/services/context";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { createClient, createUser, makeHandler, makeTariff } from "../helpers/factories";

/** Services named svc<g>, domains d<g>.example.test and IPs 10.<g/65536>.<g/256%256>.<g%256>. */
async function seedServices(db: TestDatabase["db"], clientId: number, tariffId: number, from: number, to: number) {
  await db.execute(sql`insert into services (client_id, tariff_id, product_type, status, remote_name, domain, details, months)
    select ${clientId}::int, ${tariffId}::int, 'hosting', 'active', 'svc' || g, 'd' || g || '.example.test',
           jsonb_build_object('ip', '10.' || (g / 65536) || '.' || (g / 256 % 256) || '.' || (g % 256)), 1
    from generate_series(${from}::int, ${to}::int) g`);
}

async function setUp(count: number) {
  const database = await createTestDatabase();
  const db = database.db;
  const admin: Ctx = { db, actor: (await createUser(db, "admin")).actor };
  const tariff = await makeTariff(db, { handlerIds: [(await makeHandler(db, { module: "manual" })).id] });
  const owner = await createClient(db);
  await seedServices(db, owner.id, tariff.id, 1, count);
  const [unicode] = await rows<{ id: number }>(db, sql`insert into services (client_id, tariff_id, product_type, status, remote_name, domain, months)
    values (${owner.id}::int, ${tariff.id}::int, 'domain', 'active', 'xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai', 1) returning id`);
  const [ada] = await db.insert(clients).values({ name: "Ada Lovelace", email: "Ada.Lovelace@Analytical.example" }).returning();
  const [invoice] = await rows<{ id: number }>(db, sql`insert into invoices (client_id, kind, amount, currency, description)
    values (${ada!.id}::int, 'renewal', 1500, 'USD', 'Renewal') returning id`);
  await db.execute(sql`analyze`);
  return { database, admin, owner, unicodeId: Number(unicode!.id), ada: ada!, invoiceId: Number(invoice!.id) };
}

describe("Admin search", () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp(300);
  }, 120_000);
  afterAll(async () => s.database.close());
  const search = (q: string, ctx = s.admin) => find({ ctx, input: { q } });

  it("finds a client by the start of the name or email, in any case", async () => {
    expect((await search("ada love")).clients.map((c) => c.id)).toEqual([s.ada.id]);
    expect((await search("ADA.LOVELACE@analyt")).clients.map((c) => c.id)).toEqual([s.ada.id]);
    expect((await search("lovelace")).clients).toEqual([]);
  });

  it("finds services by domain, also typed in Unicode", async () => {
    expect((await search("d123.example.test")).services.map((x) => x.id)).toEqual([123]);
    expect((await search("пример.рф")).services.map((x) => x.id)).toEqual([s.unicodeId]);
    expect((await search("ПРИМЕР")).services.map((x) => x.id)).toEqual([s.unicodeId]);
  });

  it("finds a service by number, by the panel's name and by IP address", async () => {
    expect((await search("#42")).services.map((x) => x.id)).toContain(42);
    expect((await search("SVC250")).services.map((x) => x.remoteName)).toEqual(["svc250"]);
    const byIp = await search("10.0.1.7");
    expect(byIp.services.map((x) => [x.id, x.ip])).toEqual([[263, "10.0.1.7"]]);
    expect((await search("10.0.1.")).services.length).toBe(8);
  });

  it("finds an invoice by number", async () => {
    const found = await search(String(s.invoiceId));
    expect(found.invoices.map((i) => [i.id, i.clientId])).toEqual([[s.invoiceId, s.ada.id]]);
  });

  it("is refused to clients and to anyone not signed in", async () => {
    const client = await createUser(s.database.db, "client", { clientId: s.owner.id });
    await expect(search("svc1", { db: s.database.db, actor: client.actor })).rejects.toMatchObject({ code: "forbidden" });
    await expect(search("svc1", { db: s.database.db, actor: { type: "anonymous" } })).rejects.toMatchObject({ code: "unauthorized" });
    const staff = await createUser(s.database.db, "staff");
    expect((await search("svc7", { db: s.database.db, actor: staff.actor })).services.length).toBeGreaterThan(0);
  });

  it("answers odd input with a clear error or nothing", async () => {
    await expect(search("svc\0")).rejects.toMatchObject({ code: "validation" });
    await expect(search("x".repeat(10_000))).rejects.toMatchObject({ code: "validation" });
    await expect(search("   ")).rejects.toMatchObject({ code: "validation" });
    const huge = await search("99999999999999999999");
    expect([huge.clients, huge.services, huge.invoices]).toEqual([[], [], []]);
    expect((await search("%")).services).toEqual([]);
    expect((await search("svc_")).services).toEqual([]);
  });
});

/** 100,000 services on PostgreSQL (a cheaper 5,000 on PGlite): found through indexes; the time is printed, never asserted. */
const BIG = process.env.DATABASE_URL ? 100_000 : 5_000;
describe(`Admin search at ${BIG.toLocaleString("en")} services`, () => {
  let s: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    s = await setUp(BIG);
  }, 300_000);
  afterAll(async () => s.database.close());

  it("reads indexes, not the services or clients tables whole", async () => {
    for (const q of [`d${BIG - 1}.example.test`, "10.0.19.136", `svc${BIG - 2}`, "ada.lovelace@", String(BIG - 3)]) {
      const started = performance.now();
      const found = await find({ ctx: s.admin, input: { q } });
      console.log(`admin search "${q}": ${(performance.now() - started).toFixed(1)} ms at ${BIG.toLocaleString("en")} services`);
      expect(found.clients.length + found.services.length + found.invoices.length).toBeGreaterThan(0);
    }
    const plan = await rows<Record<string, string>>(s.database.db, sql`explain select id from services
      where lower(remote_name) ~>=~ 'svc4321' and lower(remote_name) ~<~ ${"svc4321\u{10FFFF}"}
         or domain ~>=~ 'd4321.' and domain ~<~ ${"d4321.\u{10FFFF}"}
         or (details ->> 'ip') ~>=~ '10.0.16.225' and (details ->> 'ip') ~<~ ${"10.0.16.225\u{10FFFF}"}`);
    const text = plan.map((l) => Object.values(l)[0]).join("\n");
    expect(text).not.toMatch(/Seq Scan/);
    expect(text).toMatch(/services_remote_name_search_idx/);
    expect(text).toMatch(/services_domain_search_idx/);
    expect(text).toMatch(/services_ip_search_idx/);
  });
});
