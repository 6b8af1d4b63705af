import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { emailOutbox, services } from "@/lib/db/schema";
import { connect } from "@/lib/db/connect";
import { migrateDatabase } from "@/lib/db/migrate";
import type { Database } from "@/lib/db";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { createOrder } from "@/lib/services/orders/create";
import { payOrder } from "@/lib/services/orders/pay";
import { createTestDatabase } from "../helpers/db";
import { startFakeResend } from "../helpers/fake-resend";
import { createClient, makeHandler, makeTariff, sys, siteDomain } from "../helpers/factories";

const SERVICES = 50;

/** A database that a child process can open: the test's PostgreSQL database, or PGlite in a folder. */
async function openShared(): Promise<{ open(): Promise<Database>; env: Record<string, string>; cleanup(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const database = await createTestDatabase();
    return { open: async () => database, env: { DATABASE_URL: database.url! }, cleanup: () => database.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), "provisio-crash-"));
  const open = () => connect({ kind: "pglite", dataDir: join(dir, "pglite") });
  const first = await open();
  await migrateDatabase(first);
  await first.close();
  return { open, env: { PROVISIO_DATA_DIR: dir, DATABASE_URL: "" }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

function startWorker(env: Record<string, string>): { child: ChildProcess; started: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const started = new Promise<void>((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("started")) resolve();
    });
  });
  child.stderr!.on("data", () => {});
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, started, exited };
}

describe("crash safety", () => {
  let sim: IspmanagerSimulator;
  let resend: Awaited<ReturnType<typeof startFakeResend>>;
  let shared: Awaited<ReturnType<typeof openShared>>;

  beforeAll(async () => {
    sim = await startIspmanagerSimulator();
    resend = await startFakeResend();
    shared = await openShared();
  });
  afterAll(async () => {
    await sim.close();
    await resend.close();
    await shared.cleanup();
  });

  it("a worker killed with SIGKILL at random moments, then restarted: every service active once, every email once", async () => {
    let database = await shared.open();
    const handler = await makeHandler(database.db, { module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } });
    const tariff = await makeTariff(database.db, { handlerIds: [handler.id] });
    const client = await createClient(database.db, 100_000_000);
    for (let left = SERVICES; left > 0; left -= 10) {
      const items = Array.from({ length: Math.min(10, left) }, () => ({ tariffId: tariff.id, months: 1, params: { domain: siteDomain() } }));
      const { order } = await createOrder({ ctx: sys(database.db), input: { clientId: client.id, items } });
      await payOrder({ ctx: sys(database.db), input: { orderId: order.id } });
    }
    if (!process.env.DATABASE_URL) await database.close();

    sim.setFaults({ slowMs: 40 });
    const env = {
      ...shared.env,
      PROCESSING_LEASE_MS: "1000",
      PROCESSING_CONCURRENCY: "6",
      PROCESSING_POLL_MS: "200",
      RESEND_API_KEY: "re_test_key",
      RESEND_BASE_URL: resend.url,
    };
    let kills = 0;
    for (let i = 0; i < 3; i++) {
      const worker = startWorker(env);
      await worker.started;
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 500));
      worker.child.kill("SIGKILL");
      await worker.exited;
      kills++;
    }
    const last = startWorker({ ...env, WORKER_EXIT_WHEN_IDLE: "1" });
    expect(await last.exited).toBe(0);

    database = await shared.open();
    const all = await database.db.select().from(services);
    expect(kills).toBe(3);
    expect(all).toHaveLength(SERVICES);
    expect(all.every((s) => s.status === "active")).toBe(true);
    expect(Object.keys(sim.state.users)).toHaveLength(SERVICES);
    const mail = await database.db.select().from(emailOutbox);
    // One welcome email per service; the order's money emails (confirmation, invoice, receipt) too.
    expect(mail.filter((m) => m.template.startsWith("welcome"))).toHaveLength(SERVICES);
    expect(mail.every((m) => m.status === "sent")).toBe(true);
    expect(resend.emails.size).toBe(mail.length);
    if (!process.env.DATABASE_URL) await database.close();
  }, 240_000);
});
