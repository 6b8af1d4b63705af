import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createTcpServer, connect as tcpConnect } from "node:net";
import { join } from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { decryptJson, encryptJson } from "@/lib/crypto";
import { connect } from "@/lib/db/connect";
import type { Database } from "@/lib/db";
import { emailOutbox, handlers, operations, services } from "@/lib/db/schema";
import { runnerHeartbeats } from "@/lib/db/schema/runner-heartbeats";
import { ServiceStatus } from "@/lib/email/templates/service-status";
import { readDatabaseUrl } from "@/lib/env";
import { installationId } from "@/lib/installation";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { buildCommands } from "../../scripts/build-prod";
import { startFakeResend } from "../helpers/fake-resend";
import { createClient, makeHandler, makeTariff, siteDomain, sys } from "../helpers/factories";
import { freePort, waitUntil, type Started } from "../helpers/processes";
import { buildPreviousRelease } from "../helpers/previous-release";
import { bin, createEmptyDatabase, dropDatabase, ensureProductionBuild, productionProcesses, root, server, signInOverHttp } from "../helpers/production-build";

/**
 * The production path as the README's "Production" section describes it: the standalone web and
 * compiled workers started with `node`, only the documented variables, from another directory.
 * It needs `npm run build:prod`; `npm test` builds once and sets PROVISIO_BUILD_READY=1 (the
 * Playwright run reuses the same build), otherwise this file builds. On PGlite it checks that a
 * production start refuses PGlite.
 */
const url = readDatabaseUrl();
const { elsewhere, node, close } = productionProcesses("provisio-prod-");
const keys = {
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  // The key this test process encrypts with (the handler's credentials): web and workers must share it.
  APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY!,
  EMAIL_FROM: "Billing <billing@example.test>",
  APP_URL: "https://billing.example.test",
  INVOICE_SELLER_NAME: "Example Hosting Ltd",
};
/** This release's migrations, by tag, in order. */
const migrationTags = () => (JSON.parse(readFileSync(join(root, "drizzle", "meta", "_journal.json"), "utf8")).entries as { tag: string }[]).map((e) => e.tag);

afterAll(close);

if (!url) describe("production on PGlite", () => {
  beforeAll(async () => buildCommands(), 120_000);

  it("a production worker, migration or admin command refuses embedded PGlite, naming DATABASE_URL", async () => {
    const env = { NODE_ENV: "production" as const, ...keys, RESEND_API_KEY: "re_test" };
    for (const [script, args] of [[bin("worker"), []], [bin("migrate"), []], [bin("create-admin"), ["--email", "a@example.test"]]] as const) {
      const p = node(script, [...args], env);
      expect(await p.exited).toBe(78);
      expect(p.output()).toMatch(/DATABASE_URL: is required when NODE_ENV=production/);
    }
  });
});

if (url) describe("production on PostgreSQL: standalone web and compiled workers", () => {
  const dbName = `provisio_t_${process.ppid}_${process.pid}_prod`;
  let dbUrl: string;
  let sim: IspmanagerSimulator;
  let resend: Awaited<ReturnType<typeof startFakeResend>>;
  let database: Database;
  let env: NodeJS.ProcessEnv;
  let web: Started;
  let base: string;

  beforeAll(async () => {
    ensureProductionBuild();
    dbUrl = await createEmptyDatabase(url!, dbName);
    sim = await startIspmanagerSimulator();
    resend = await startFakeResend();
    env = { NODE_ENV: "production", DATABASE_URL: dbUrl, ...keys, RESEND_API_KEY: "re_test", RESEND_BASE_URL: resend.url, METRICS_TOKEN: "metrics-token-for-tests" };
  }, 600_000);
  afterAll(async () => {
    await close();
    await database?.close();
    await sim?.close();
    await resend?.close();
    await dropDatabase(url!, dbName);
  });

  it("each missing or wrong variable stops the web or the worker with its name", async () => {
    const cases: [string, string, string | undefined][] = [
      [server, "AUTH_SECRET", undefined],
      [server, "APP_ENCRYPTION_KEY", undefined],
      [server, "DATABASE_URL", undefined],
      [server, "RESEND_API_KEY", undefined],
      [server, "APP_URL", undefined],
      [server, "APP_URL", "https://billing.example.test/app"],
      [bin("worker"), "NODE_ENV", undefined],
      [bin("worker"), "APP_ENCRYPTION_KEY", "too-short"],
      [bin("worker"), "DATABASE_URL", undefined],
      [bin("worker"), "DATABASE_URL", "mysql://db/provisio"],
      [bin("worker"), "EMAIL_FROM", undefined],
      [bin("worker"), "EMAIL_FROM", "billing.example.test"],
      [server, "INVOICE_SELLER_NAME", undefined],
      [bin("worker"), "DATABASE_POOL_MAX", "0"],
      [bin("worker"), "PROCESSING_CONCURRENCY", "many"],
    ];
    const ports = await Promise.all(cases.map(() => freePort()));
    const started = cases.map(([script, variable, value], i) => {
      const caseEnv: NodeJS.ProcessEnv = { ...env, PORT: String(ports[i]), HOSTNAME: "127.0.0.1", [variable]: value };
      if (value === undefined) delete caseEnv[variable];
      return { variable, p: node(script, [], caseEnv) };
    });
    for (const { variable, p } of started) {
      expect(await p.exited, `${variable}: ${p.output()}`).toBe(78);
      expect(p.output()).toMatch(new RegExp(`Cannot start the (web|worker): ${variable}: `));
    }
  });

  it("db:migrate applies the migrations as a release step and says which", async () => {
    const first = node(bin("migrate"), [], env);
    expect(await first.exited).toBe(0);
    const journal = migrationTags();
    expect(first.output()).toContain(`migrations: applied ${journal.join(", ")} (${journal.length} in total) on postgres`);
    const second = node(bin("migrate"), [], env);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain(`migrations: up to date (${journal.length} applied)`);
    database = await connect({ kind: "postgres", url: dbUrl, max: 4 });
  });

  it("the web starts, sends the first visitor to /setup, and the CLI creates the first admin, who signs in", async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    web = node(server, [], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", PROVISIO_RUNNER: "off" });
    await web.waitFor(/migrations: up to date/);
    const health = await waitUntil("the web's health", async () => {
      const res = await fetch(`${base}/api/health`, { headers: { authorization: "Bearer metrics-token-for-tests" } });
      return res.ok && ((await res.json()) as { processing: { runners: unknown[]; due: number } });
    });
    expect(health.processing).toMatchObject({ runners: [], due: 0 });
    expect(web.output()).toContain("No admin yet");
    // One JSON line per event, like the workers; the hint names the compiled command, which works after prune.
    const hint = web.output().split("\n").find((line) => line.includes("No admin yet"))!;
    expect(JSON.parse(hint)).toMatchObject({ level: "info", msg: expect.stringContaining("node dist/create-admin.mjs") });
    const signIn = await fetch(`${base}/sign-in`, { redirect: "manual" });
    expect(new URL(signIn.headers.get("location")!, base).pathname).toBe("/setup");

    const cli = node(bin("create-admin"), ["--email", "ops@example.test", "--name", "Ops Admin"], env, "");
    expect(await cli.exited).toBe(0);
    const password = cli.output().match(/Password \(shown once, keep it now\): (\S+)/)![1]!;
    const again = node(bin("create-admin"), ["--email", "other@example.test"], env, "");
    expect(await again.exited).toBe(1);
    expect(again.output()).toContain("An admin exists already");

    const cookie = await signInOverHttp(base, "ops@example.test", password, "/admin");
    const adminPage = await fetch(`${base}/admin`, { headers: { cookie }, redirect: "manual" });
    expect(adminPage.status).toBe(200);
    expect(await (await fetch(`${base}/setup`)).text()).toContain("has an admin already");
  });

  it("two compiled workers provision through a simulator; one stopped with SIGTERM mid-operation finishes it first", async () => {
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(database.db, { handlerIds: [handler.id] });
    const client = await createClient(database.db, 10_000_000);
    const pay = async (n: number) => {
      const items = Array.from({ length: n }, () => ({ tariffId: tariff.id, months: 1, params: { domain: siteDomain() } }));
      const { order } = await createOrder({ ctx: sys(database.db), input: { clientId: client.id, items } });
      return (await payOrder({ ctx: sys(database.db), input: { orderId: order.id } })).services.map((s) => s.id);
    };
    const allActive = (ids: number[]) => async () =>
      (await database.db.select().from(services).where(inArray(services.id, ids))).every((s) => s.status === "active");

    const a = node(bin("worker"), [], env);
    const b = node(bin("worker"), [], env);
    await Promise.all([a.waitFor(/worker \w+ started on postgres/), b.waitFor(/worker \w+ started on postgres/)]);
    const runners = await waitUntil("two worker heartbeats", async () => {
      const body = (await (await fetch(`${base}/api/health`, { headers: { authorization: "Bearer metrics-token-for-tests" } })).json()) as { processing: { runners: { kind: string }[] } };
      return body.processing.runners.filter((r) => r.kind === "worker").length === 2 && body.processing.runners;
    });
    expect(runners).toHaveLength(2);

    const first = await pay(2);
    await waitUntil("the first two services", allActive(first));
    b.child.kill("SIGTERM");
    expect(await b.exited).toBe(0);
    // The order's emails may still be in the hands of this worker: it finishes whatever it holds.
    expect(b.output()).toMatch(/got SIGTERM: takes no new work, finishing \d+ in flight/);

    sim.setFaults({ slowMs: 2_500 });
    const second = await pay(3);
    await waitUntil("worker A holding three operations", async () => {
      const held = await database.db.select().from(operations).where(inArray(operations.serviceId, second));
      return held.every((o) => o.status === "running");
    });
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(a.output()).toMatch(/got SIGTERM: takes no new work, finishing 3 in flight/);
    // Finished by the worker that was stopped, before it exited: no other worker was running.
    expect(await allActive(second)()).toBe(true);
    const ops = await database.db.select().from(operations).where(inArray(operations.serviceId, second));
    expect(ops.map((o) => [o.status, o.attempts, o.claims])).toEqual([["done", 1, 1], ["done", 1, 1], ["done", 1, 1]]);
    expect(Object.keys(sim.state.users)).toHaveLength(5);

    // The welcome emails it left queued go out with the next worker, once each, through Resend.
    sim.setFaults({ slowMs: 0 });
    const c = node(bin("worker"), [], { ...env, WORKER_EXIT_WHEN_IDLE: "1" });
    expect(await c.exited).toBe(0);
    const mail = await database.db.select().from(emailOutbox);
    // Five welcome emails, and each of the two orders' confirmation, invoice and receipt.
    expect(mail.filter((m) => m.template.startsWith("welcome"))).toHaveLength(5);
    expect(mail.map((m) => [m.status, m.transport])).toEqual(Array.from({ length: 5 + 2 * 3 }, () => ["sent", "resend"]));
    const installation = await installationId(database.db);
    expect([...resend.emails.keys()].sort()).toEqual(mail.map((m) => `${installation}:email:${m.id}`).sort());
    expect((await database.db.select().from(services).where(eq(services.clientId, client.id))).length).toBe(5);
  }, 180_000);

  it("a worker whose database is down at start waits, and starts once it answers", async () => {
    const port = await freePort();
    const down = new URL(dbUrl);
    down.port = String(port);
    const w = node(bin("worker"), [], { ...env, DATABASE_URL: down.toString() });
    await w.waitFor(/worker waits for the database: database unavailable \(ECONNREFUSED\)/);
    const target = new URL(url!);
    const proxy = createTcpServer((socket) => {
      const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(port, "127.0.0.1", resolve));
    try {
      await w.waitFor(/worker \w+ started on postgres/);
      w.child.kill("SIGTERM");
      expect(await w.exited).toBe(0);
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });

  it("a second worker on the same METRICS_PORT exits 78 naming it before claiming; a stopped worker's heartbeat goes with it", async () => {
    const metrics = { ...env, METRICS_PORT: String(await freePort()) };
    const a = node(bin("worker"), [], metrics);
    const id = (await a.waitFor(/worker (\w+) started on postgres/)).match(/worker (\w+) started/)![1]!;
    const b = node(bin("worker"), [], metrics);
    expect(await b.exited).toBe(78);
    expect(b.output()).toMatch(/Cannot start the worker: METRICS_PORT: port \d+ on 127\.0\.0\.1 is in use/);
    expect(b.output()).not.toMatch(/started on postgres/);
    const beats = () => database.db.select().from(runnerHeartbeats).where(eq(runnerHeartbeats.id, id));
    await waitUntil("worker A's heartbeat", async () => (await beats()).length === 1);
    a.child.kill("SIGTERM");
    expect(await a.exited).toBe(0);
    expect(await beats()).toEqual([]);
  });

  it("migrate waits for a database that is not up yet, and names a database that does not exist", async () => {
    const port = await freePort();
    const down = new URL(dbUrl);
    down.port = String(port);
    const m = node(bin("migrate"), [], { ...env, DATABASE_URL: down.toString(), MIGRATE_WAIT_SECONDS: "60" });
    await m.waitFor(/migrate waits for the database: database unavailable \(ECONNREFUSED\)/);
    const target = new URL(url!);
    const proxy = createTcpServer((socket) => {
      const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(port, "127.0.0.1", resolve));
    try {
      expect(await m.exited, m.output()).toBe(0);
      expect(m.output()).toContain("migrations: up to date");
    } finally {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
    const missing = new URL(dbUrl);
    missing.pathname = "/provisio_no_such_database";
    const gone = node(bin("migrate"), [], { ...env, DATABASE_URL: missing.toString() });
    expect(await gone.exited).toBe(1);
    expect(gone.output()).toContain('Migration failed: database refused: database "provisio_no_such_database" does not exist (3D000)');
  });

  it("a worker reads .env.production from its directory like the web, instead of starting on PGlite", async () => {
    const { NODE_ENV: _mode, ...rest } = env;
    writeFileSync(join(elsewhere, ".env.production"), Object.entries(rest).map(([k, v]) => `${k}=${v}`).join("\n"));
    try {
      const w = node(bin("worker"), [], { NODE_ENV: "production" });
      await w.waitFor(/worker \w+ started on postgres/);
      expect(w.output()).toContain(`worker read ${join(elsewhere, ".env.production")}`);
      w.child.kill("SIGTERM");
      expect(await w.exited).toBe(0);
    } finally {
      rmSync(join(elsewhere, ".env.production"));
    }
  });
  it("a process whose APP_ENCRYPTION_KEY is not the database's refuses to start, naming it", async () => {
    const other = { ...env, APP_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
    const port = await freePort();
    const started = [
      node(bin("worker"), [], other),
      node(bin("migrate"), [], other),
      node(bin("create-admin"), ["--email", "key@example.test"], other, ""),
      node(server, [], { ...other, PORT: String(port), HOSTNAME: "127.0.0.1", PROVISIO_RUNNER: "off" }),
    ];
    for (const p of started) {
      expect(await p.exited, p.output()).toBe(78);
      expect(p.output()).toMatch(/Cannot start the (worker|cli|web): APP_ENCRYPTION_KEY: is not the key this database's secrets are encrypted with/);
    }
  }, 120_000);

  it("rotate-key: with the old and the new key, killed half-way and run again, it moves every secret to the new key", async () => {
    const oldKey = keys.APP_ENCRYPTION_KEY;
    const newKey = randomBytes(32).toString("base64");
    const sentAt = new Date();
    await database.db.insert(emailOutbox).values(
      Array.from({ length: 300 }, (_, i) => ({ dedupeKey: `rotation:${i}`, to: "c@example.test", subject: "Old mail", template: "welcome", props: encryptJson({ n: i }), status: "sent" as const, sentAt })),
    );
    const rotating = { ...env, APP_ENCRYPTION_KEY: newKey, APP_ENCRYPTION_KEY_OLD: oldKey };
    const first = node(bin("rotate-key"), ["--batch-size", "1"], rotating);
    await first.waitFor(/email_outbox\.props: \d+ of \d+ checked/);
    first.child.kill("SIGKILL");
    await first.exited;
    expect(first.output()).not.toContain("Key rotated");
    const both = node(bin("worker"), [], { ...rotating, WORKER_EXIT_WHEN_IDLE: "1" });
    expect(await both.exited, both.output()).toBe(0);

    const second = node(bin("rotate-key"), ["--batch-size", "100"], rotating);
    expect(await second.exited, second.output()).toBe(0);
    const count = async (table: typeof emailOutbox | typeof services) => (await database.db.select().from(table)).length;
    const total = (await count(emailOutbox)) + (await count(services)) + 1; // and one handler
    const again = Number(second.output().match(/Key rotated: (\d+) values encrypted again/)![1]);
    expect(again).toBeGreaterThan(0);
    expect(again).toBeLessThan(total);

    const onlyOld = node(bin("worker"), [], env);
    expect(await onlyOld.exited).toBe(78);
    expect(onlyOld.output()).toMatch(/Cannot start the worker: APP_ENCRYPTION_KEY: is not the key/);
    const onlyNew = node(bin("worker"), [], { ...env, APP_ENCRYPTION_KEY: newKey, WORKER_EXIT_WHEN_IDLE: "1" });
    expect(await onlyNew.exited, onlyNew.output()).toBe(0);
    process.env.APP_ENCRYPTION_KEY = newKey;
    try {
      const mail = await database.db.select({ props: emailOutbox.props }).from(emailOutbox);
      expect(mail.map((m) => decryptJson(m.props)).filter((p) => "n" in p)).toHaveLength(300);
    } finally {
      process.env.APP_ENCRYPTION_KEY = oldKey;
    }
    // Back to the first key for what follows.
    const back = node(bin("rotate-key"), [], { ...env, APP_ENCRYPTION_KEY_OLD: newKey });
    expect(await back.exited, back.output()).toBe(0);
  }, 180_000);

  it("a database with a migration this release does not know stops every process, naming it", async () => {
    const when = Date.now() + 86_400_000;
    await database.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('feedface0123456789', ${when})`);
    await database.db.execute(sql`update settings set value = value || ${JSON.stringify({ [when]: "0099_newer_release" })}::jsonb where key = 'migrationNames'`);
    try {
      const port = await freePort();
      const started = [
        node(bin("worker"), [], env),
        node(bin("migrate"), [], env),
        node(server, [], { ...env, PORT: String(port), HOSTNAME: "127.0.0.1", PROVISIO_RUNNER: "off" }),
      ];
      for (const p of started) {
        expect(await p.exited, p.output()).toBe(78);
        expect(p.output()).toMatch(/Cannot start the (worker|cli|web): DATABASE_URL: the database has migrations this release does not know: 0099_newer_release\./);
      }
    } finally {
      await database.db.execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${when}`);
    }
    const migrate = node(bin("migrate"), [], env);
    expect(await migrate.exited).toBe(0);
  }, 120_000);

  it("copy-identity --staging, on a restored copy: a new installation id, handlers manual and off, emails kept in the copy", async () => {
    const before = await installationId(database.db);
    const run = node(bin("copy-identity"), ["--staging"], env);
    expect(await run.exited, run.output()).toBe(0);
    const after = run.output().match(new RegExp(`Installation id: ${before} → (\\S+)`))![1]!;
    expect(after).not.toBe(before);
    expect(run.output()).toMatch(/Staging: \d+ handlers now disabled and processed by hand, 0 webhook endpoints disabled, outgoing email off/);
    expect((await database.db.select().from(handlers)).map((h) => [h.enabled, h.module])).toEqual([[false, "manual"]]);

    const sentBefore = resend.emails.size;
    const [row] = await database.db
      .insert(emailOutbox)
      .values({ dedupeKey: "staging:1", to: "c@example.test", subject: "Suspended", template: "service-status", props: encryptJson(ServiceStatus.PreviewProps) })
      .returning({ id: emailOutbox.id });
    const w = node(bin("worker"), [], { ...env, WORKER_EXIT_WHEN_IDLE: "1" });
    expect(await w.exited, w.output()).toBe(0);
    expect(resend.emails.size).toBe(sentBefore);
    expect((await database.db.select().from(emailOutbox).where(eq(emailOutbox.id, row!.id)))[0]).toMatchObject({ status: "sent", transport: "local" });
  }, 120_000);

  it("the previous release's worker (release/previous) works on this release's schema: running through the upgrade, and started again for a rollback", async () => {
    const previous = buildPreviousRelease();
    const name = `${dbName}_prev`;
    const panel = await startIspmanagerSimulator();
    let upgraded: Database | undefined;
    try {
      const at = { ...env, DATABASE_URL: await createEmptyDatabase(url!, name) };
      // A release never rewrites the migrations of the one before it: it only adds.
      const added = migrationTags().slice(previous.migrations.length);
      expect(migrationTags().slice(0, previous.migrations.length)).toEqual(previous.migrations);
      // Before the upgrade: the previous release migrated the database and its worker runs.
      const before = node(previous.bin("migrate"), [], at);
      expect(await before.exited, before.output()).toBe(0);
      expect(before.output()).toContain(`migrations: applied ${previous.migrations.join(", ")} (${previous.migrations.length} in total)`);
      const running = node(previous.bin("worker"), [], at);
      await running.waitFor(/worker \w+ started on postgres/);
      // Upgrade step 3: this release migrates while the previous release's worker keeps working.
      const migrate = node(bin("migrate"), [], at);
      expect(await migrate.exited, migrate.output()).toBe(0);
      expect(migrate.output()).toContain(added.length ? `migrations: applied ${added.join(", ")} (` : "migrations: up to date");
      upgraded = await connect({ kind: "postgres", url: at.DATABASE_URL, max: 2 });
      const db = upgraded.db;
      // Just after a release nothing is new yet: the next release's expand-only migration stands in.
      const newer = added.length ? added : [await applyNextReleaseMigration(db)];

      const handler = await makeHandler(db, { module: "ispmanager", connection: { url: panel.url, username: "admin", password: "secret" } });
      const tariff = await makeTariff(db, { handlerIds: [handler.id] });
      const client = await createClient(db, 10_000_000);
      const pay = async () => {
        const { order } = await createOrder({ ctx: sys(db), input: { clientId: client.id, items: [{ tariffId: tariff.id, months: 1, params: { domain: siteDomain() } }] } });
        return (await payOrder({ ctx: sys(db), input: { orderId: order.id } })).services[0]!.id;
      };
      const provisioned = async (id: number) => {
        const [service] = await db.select().from(services).where(eq(services.id, id));
        const ops = await db.select().from(operations).where(eq(operations.serviceId, id));
        return service?.status === "active" && ops.length > 0 && ops.every((o) => o.status === "done");
      };
      const first = await pay();
      await waitUntil("the previous release's worker provisioning an order paid with this release", () => provisioned(first));
      expect(Object.keys(panel.state.users)).toHaveLength(1);
      running.child.kill("SIGTERM");
      expect(await running.exited).toBe(0);

      // Started again from now on, it refuses, naming the migrations it does not know (Upgrade step 3);
      // its migrate tells the names to accept (Rollback step 3).
      for (const script of ["worker", "migrate"]) {
        const refused = node(previous.bin(script), [], at);
        expect(await refused.exited, refused.output()).toBe(78);
        expect(refused.output()).toContain(`DATABASE_URL: the database has migrations this release does not know: ${newer.join(", ")}.`);
      }
      const second = await pay();
      // Emails of templates new in this release wait for this release's workers (the previous one retries
      // them), so the previous worker is not idle: it is stopped once the order is provisioned.
      const rolledBack = node(previous.bin("worker"), [], { ...at, PROVISIO_ACCEPT_MIGRATIONS: newer.join(",") });
      await waitUntil("the previous release's worker, started again, provisioning a second order", () => provisioned(second));
      rolledBack.child.kill("SIGTERM");
      expect(await rolledBack.exited, rolledBack.output()).toBe(0);
      for (const tag of newer) expect(rolledBack.output()).toContain(`migrations: ${tag} is not known to this release; started anyway (PROVISIO_ACCEPT_MIGRATIONS)`);
      expect(Object.keys(panel.state.users)).toHaveLength(2);
    } finally {
      await upgraded?.close();
      await dropDatabase(url!, name);
      await panel.close();
      previous.close();
    }
  }, 180_000);
});

/** The next release's expand-only migration, as its migrate would record it: a nullable column, kept with its name. */
async function applyNextReleaseMigration(db: Database["db"]): Promise<string> {
  const tag = "0999_next_release";
  const when = Date.now() + 86_400_000;
  await db.execute(sql`alter table services add column next_release_note text`);
  await db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('next-release', ${when})`);
  await db.execute(sql`update settings set value = value || ${JSON.stringify({ [when]: tag })}::jsonb where key = 'migrationNames'`);
  return tag;
}
