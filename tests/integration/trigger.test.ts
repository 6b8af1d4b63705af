import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, inArray } from "drizzle-orm";
import postgres from "postgres";
import { resourceCatalog } from "@trigger.dev/core/v3";
import { StandardResourceCatalog } from "@trigger.dev/core/v3/workers";
import { idempotencyKeys } from "@trigger.dev/sdk";
import { closeDatabase, getDatabase, migrationsAtStart, type Database, type Db } from "@/lib/db";
import { connect } from "@/lib/db/connect";
import { findMigrationsFolder, migrateDatabase } from "@/lib/db/migrate";
import { operations, services } from "@/lib/db/schema";
import { readDatabaseUrl } from "@/lib/env";
import { processingView } from "@/lib/health/processing";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { withDatabase } from "../setup/global";
import { createClient, makeHandler, makeTariff, sys, siteDomain } from "../helpers/factories";

const root = join(import.meta.dirname, "../..");
const jobsDir = join(root, "jobs");
const TASKS = { "provision-operation": null, "sweep-operations": "* * * * *", "sync-services": "*/10 * * * *", "deliver-outbox": "* * * * *", "deliver-webhooks": "* * * * *", renewals: "17 * * * *", "deliver-chat": "* * * * *", "task-digests": "5 * * * *", "expire-orders": "41 * * * *", "invoice-reminders": "47 * * * *" };

type Received = { url: string; headers: IncomingHttpHeaders; body: { payload: string; options: Record<string, unknown> } };

/** A local stand-in for the Trigger.dev API: records every trigger and answers with a run id, or refuses. */
async function startFakeTrigger() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body: JSON.parse(body || "{}") });
      res.writeHead(state.status, { "content-type": "application/json", "x-trigger-jwt": "fake-jwt" });
      res.end(JSON.stringify(state.status === 200 ? { id: `run_${received.length}` } : { error: "refused by the fake" }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

// The tasks register in a catalog as the Trigger.dev indexer does, so the tests run their real run functions.
const catalog = new StandardResourceCatalog();
resourceCatalog.setGlobalResourceCatalog(catalog);
const jobFiles = readdirSync(jobsDir).filter((f) => f.endsWith(".ts")).sort();
const jobs: Record<string, Record<string, unknown>> = {};
for (const file of jobFiles) {
  catalog.setCurrentFileContext(`jobs/${file}`, file);
  jobs[file] = await import(join(jobsDir, file));
}
catalog.clearCurrentFileContext();
const { provisionOperation } = jobs["provision-operation.ts"] as typeof import("@/jobs/provision-operation");
const { sweep } = jobs["sweep-operations.ts"] as typeof import("@/jobs/sweep-operations");

async function runTask(id: string, payload: unknown = {}): Promise<unknown> {
  const task = catalog.getTask(id);
  if (!task) throw new Error(`no task ${id}`);
  const parsed = task.fns.parsePayload ? await task.fns.parsePayload(payload) : payload;
  return task.fns.run(parsed, { ctx: {}, signal: new AbortController().signal } as never);
}

describe("Trigger.dev: the tasks as deployed, and dispatch to a (fake) Trigger.dev API", () => {
  const url = readDatabaseUrl();
  const freshName = `provisio_t_${process.ppid}_${process.pid}_trigger`;
  const elsewhere = mkdtempSync(join(tmpdir(), "provisio-task-cwd-"));
  const cwd = process.cwd();
  let fake: Awaited<ReturnType<typeof startFakeTrigger>>;
  let sim: IspmanagerSimulator;
  let database: Database;
  let tariffId: number;
  let clientId: number;
  const db = (): Db => database.db;
  // On PostgreSQL the tasks open the database themselves; on PGlite (no DATABASE_URL, which tasks refuse) the
  // test calls the same thin functions the tasks call, with the test's database.
  const provision = (operationId: number) => (url ? runTask("provision-operation", { operationId }) : provisionOperation(db(), { operationId }));
  const sweepTask = () => (url ? runTask("sweep-operations") : sweep(db()));

  beforeAll(async () => {
    fake = await startFakeTrigger();
    sim = await startIspmanagerSimulator();
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterAll(async () => {
    process.chdir(cwd);
    vi.unstubAllEnvs();
    await fake.close();
    await sim.close();
    if (url) {
      await closeDatabase();
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${freshName} with (force)`);
      await admin.end();
    } else {
      await database?.close();
    }
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it("has the ten tasks, with their schedules, each job file a thin wrapper over lib/", () => {
    const manifests = catalog.listTaskManifests();
    expect(manifests.map((m) => m.id).sort()).toEqual(Object.keys(TASKS).sort());
    for (const m of manifests) expect(m.schedule?.cron ?? null).toBe(TASKS[m.id as keyof typeof TASKS]);
    for (const file of jobFiles) {
      const source = readFileSync(join(jobsDir, file), "utf8");
      const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
      expect(imports.every((i) => i === "@trigger.dev/sdk" || i === "zod" || i.startsWith("../lib/")), file).toBe(true);
      expect(source, file).not.toMatch(/\bsql`|\.select\(|\.insert\(|\.update\(|\.delete\(|\.execute\(|getDatabase\(/);
      expect(source.split("\n").length, file).toBeLessThanOrEqual(35);
      expect([...source.matchAll(/run: async \([^)]*\) => \w+\(await taskDatabase\(\)(, payload)?\)/g)].length, file).toBe(
        [...source.matchAll(/\bid: "/g)].length,
      );
    }
  });

  it("refuses to run a task without DATABASE_URL or APP_ENCRYPTION_KEY, naming the variable", async () => {
    vi.stubEnv("DATABASE_URL", "");
    await expect(runTask("sweep-operations")).rejects.toThrow(/^DATABASE_URL: is required for Trigger.dev tasks/);
    vi.stubEnv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none");
    vi.stubEnv("APP_ENCRYPTION_KEY", "");
    await expect(runTask("provision-operation", { operationId: 1 })).rejects.toThrow(/^APP_ENCRYPTION_KEY: is required for Trigger.dev tasks/);
    vi.unstubAllEnvs();
  });

  it("run from another working directory, the tasks find the migrations next to the code", async () => {
    process.chdir(elsewhere);
    expect(findMigrationsFolder()).toBe(join(root, "drizzle"));
    const total = JSON.parse(readFileSync(join(root, "drizzle", "meta", "_journal.json"), "utf8")).entries.length;
    if (url) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${freshName}`);
      await admin.end();
      vi.stubEnv("DATABASE_URL", withDatabase(url, freshName));
      await closeDatabase();
      expect(await runTask("sweep-operations")).toEqual({ ran: 0 });
      expect(migrationsAtStart()?.applied).toHaveLength(total);
      database = await getDatabase();
    } else {
      database = await connect({ kind: "pglite" });
      expect((await migrateDatabase(database)).applied).toHaveLength(total);
    }
    const handler = await makeHandler(db(), { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    tariffId = (await makeTariff(db(), { handlerIds: [handler.id] })).id;
    clientId = (await createClient(db(), 1_000_000)).id;
  });

  it("paying an order sends one trigger per operation: task id, payload and the operation id as idempotency key", async () => {
    vi.stubEnv("TRIGGER_SECRET_KEY", "tr_dev_fake_secret");
    vi.stubEnv("TRIGGER_API_URL", fake.url);
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId, months: 1, params: { domain: siteDomain() } }, { tariffId, months: 1, params: { domain: siteDomain() } }] } });
    const paid = await payOrder({ ctx: sys(db()), input: { orderId: order.id } });
    const ops = await db().select().from(operations).where(inArray(operations.serviceId, paid.services.map((s) => s.id)));
    expect(ops).toHaveLength(2);
    expect(fake.received).toHaveLength(2);
    const byOperation = new Map(fake.received.map((r) => [JSON.parse(r.body.payload).json.operationId as number, r]));
    expect([...byOperation.keys()].sort()).toEqual(ops.map((o) => o.id).sort());
    for (const op of ops) {
      const request = byOperation.get(op.id)!;
      expect(request.url).toBe("/api/v1/tasks/provision-operation/trigger");
      expect(request.headers.authorization).toBe("Bearer tr_dev_fake_secret");
      expect(request.body.options.payloadType).toBe("application/super+json");
      expect(JSON.parse(request.body.payload)).toEqual({ json: { operationId: op.id } });
      expect(request.body.options.idempotencyKey).toBe(await idempotencyKeys.create(`operation-${op.id}`));
      expect(request.body.options.idempotencyKeyOptions).toEqual({ key: `operation-${op.id}`, scope: "run" });
    }

    // What Trigger.dev then runs: the task's function, once per trigger.
    for (const op of ops) expect(await provision(op.id)).toEqual({ ran: 1 });
    const rows = await db().select().from(services).where(inArray(services.id, paid.services.map((s) => s.id)));
    expect(rows.map((s) => s.status)).toEqual(["active", "active"]);
    expect(Object.keys(sim.state.users)).toHaveLength(2);
    expect(await provision(ops[0]!.id)).toEqual({ ran: 0 });
  });

  it("a trigger the API refuses leaves the operation queued, and the sweep task provisions it", async () => {
    vi.stubEnv("TRIGGER_SECRET_KEY", "tr_dev_fake_secret");
    vi.stubEnv("TRIGGER_API_URL", fake.url);
    fake.state.status = 422;
    const before = fake.received.length;
    const { order } = await createOrder({ ctx: sys(db()), input: { clientId, items: [{ tariffId, months: 1, params: { domain: siteDomain() } }] } });
    const paid = await payOrder({ ctx: sys(db()), input: { orderId: order.id } });
    expect(fake.received.length - before).toBe(1);
    const serviceId = paid.services[0]!.id;
    expect((await db().select().from(services).where(eq(services.id, serviceId)))[0]!.status).toBe("processing");
    expect(await sweepTask()).toEqual({ ran: 1 });
    expect((await db().select().from(services).where(eq(services.id, serviceId)))[0]!.status).toBe("active");
    expect(Object.keys(sim.state.users)).toHaveLength(3);
    const view = await processingView(db());
    expect(view.runners).toEqual([expect.objectContaining({ id: "trigger-sweep", kind: "trigger" })]);
    expect(view.due).toBe(0);
  });
});
