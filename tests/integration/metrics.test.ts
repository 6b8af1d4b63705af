import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServer } from "node:net";
import { GET } from "@/app/api/metrics/route";
import { serveWorkerMetrics } from "@/lib/metrics/serve";
import { startIspmanagerSimulator, type IspmanagerSimulator } from "@/lib/modules/ispmanager/simulator";
import { sweepOperations } from "@/lib/processing/sweep";
import { eq } from "drizzle-orm";
import { emailOutbox } from "@/lib/db/schema";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createClient, createDepartment, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

const TOKEN = "metrics-token-0123456789";
const scrape = (authorization?: string) =>
  GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

/** The value of one sample line, e.g. value(text, 'provisio_operations{state="queued",module="ispmanager"}'). */
function value(text: string, sample: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

describe("GET /api/metrics", () => {
  let database: TestDatabase;
  let sim: IspmanagerSimulator;
  const saved = process.env.METRICS_TOKEN;

  beforeAll(async () => {
    database = await createTestDatabase();
    sim = await startIspmanagerSimulator();
    useAppDatabase(database);
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = saved;
  });
  afterAll(async () => {
    releaseAppDatabase();
    await sim.close();
    await database.close();
  });

  it("does not exist without METRICS_TOKEN", async () => {
    delete process.env.METRICS_TOKEN;
    expect((await scrape(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it("refuses a scrape without the token or with another one", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    for (const header of [undefined, `Bearer ${TOKEN}x`, TOKEN, "Bearer "]) {
      const res = await scrape(header);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain("provisio_");
    }
  });

  it("serves live operations, handler slots, tasks and outbox from the database, and this process's attempts", async () => {
    process.env.METRICS_TOKEN = TOKEN;
    const { db } = database;
    const dept = await createDepartment(db, "Metrics desk");
    const handler = await makeHandler(db, { module: "ispmanager", name: "metrics-panel", maxRunning: 7, connection: { url: sim.url, username: "admin", password: "secret" } });
    const manual = await makeHandler(db, { module: "manual", productType: "other", departmentId: dept.id });
    const tariff = await makeTariff(db, { handlerIds: [handler.id] });
    const byHand = await makeTariff(db, { handlerIds: [manual.id], productType: "other", template: null, resources: [] });
    const client = await createClient(db, 10_000_000);
    await orderAndPay(db, client.id, tariff.id);
    await orderAndPay(db, client.id, tariff.id);
    await orderAndPay(db, client.id, byHand.id);

    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    expect(value(before, 'provisio_operations{state="queued",module="unassigned"}')).toBe(3);
    expect(value(before, "provisio_operations_due")).toBe(3);

    await sweepOperations(db);
    const res = await scrape(`bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(value(text, 'provisio_operations{state="queued",module="unassigned"}')).toBeUndefined();
    expect(value(text, 'provisio_operations{state="manual",module="manual"}')).toBe(1);
    expect(value(text, "provisio_operations_due")).toBe(0);
    expect(value(text, 'provisio_attempts_total{module="ispmanager",outcome="done"}')).toBe(2);
    expect(value(text, 'provisio_attempt_duration_seconds_count{module="ispmanager"}')).toBe(2);
    expect(value(text, "provisio_payment_to_active_seconds_count")).toBe(2);
    expect(value(text, `provisio_handler_max_running{handler="metrics-panel",handler_id="${handler.id}",module="ispmanager"}`)).toBe(7);
    expect(value(text, `provisio_handler_slots_in_use{handler="metrics-panel",handler_id="${handler.id}",module="ispmanager"}`)).toBe(0);
    expect(value(text, `provisio_handler_healthy{handler="metrics-panel",handler_id="${handler.id}",module="ispmanager"}`)).toBe(1);
    expect(value(text, 'provisio_tasks_open{department="Metrics desk",status="new"}')).toBe(1);
    // two welcome emails, and the three orders' money emails (confirmation, invoice, receipt)
    const queued = await db.select().from(emailOutbox).where(eq(emailOutbox.status, "queued"));
    expect(queued.filter((m) => m.template.startsWith("welcome"))).toHaveLength(2);
    expect(value(text, 'provisio_outbox{outbox="email",status="queued"}')).toBe(queued.length);
    expect(text).toContain("provisio_process_resident_memory_bytes");
  });

  it("a worker serves the same on METRICS_PORT, behind the same token", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port: p } = probe.address() as { port: number };
        probe.close(() => resolve(p));
      });
    });
    const server = (await serveWorkerMetrics(database, { METRICS_PORT: String(port), METRICS_TOKEN: TOKEN, NODE_ENV: "test" }))!;
    try {
      // A second worker on the same port is told so, naming the variable, before it takes any work.
      await expect(serveWorkerMetrics(database, { METRICS_PORT: String(port), NODE_ENV: "test" })).rejects.toMatchObject({
        name: "ConfigError",
        variable: "METRICS_PORT",
      });
      const url = `http://127.0.0.1:${port}/metrics`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${port}/other`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
      const res = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).toContain("provisio_attempts_total");
      expect(text).toContain("provisio_operations_due 0");
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
