import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readdirSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { GET as healthGET } from "@/app/api/health/route";
import { GET as processingRoute } from "@/app/api/health/processing/route";
import { mayReadHealthDetails } from "@/lib/health/access";
import { migrationsFolder } from "@/lib/db/migrate";
import { operations } from "@/lib/db/schema";
import { runnerHeartbeats } from "@/lib/db/schema/runner-heartbeats";
import { startRunner } from "@/lib/processing/runner";
import { recordHeartbeat } from "@/lib/health/heartbeat";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { waitUntil } from "../helpers/processes";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

const TOKEN = "health-metrics-token";
const withToken = (path: string, token = TOKEN) => new Request(`http://localhost${path}`, { headers: { authorization: `Bearer ${token}` } });
/** The details need METRICS_TOKEN (or an admin session); these tests read them with the token. */
const GET = () => healthGET(withToken("/api/health"));
const processingGET = () => processingRoute(withToken("/api/health/processing"));

describe("GET /api/health", () => {
  let database: TestDatabase;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    database = await createTestDatabase();
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  beforeEach(() => {
    vi.stubEnv("METRICS_TOKEN", TOKEN);
  });
  afterEach(() => {
    releaseAppDatabase();
    vi.unstubAllEnvs();
    process.env.DATABASE_URL = saved;
    if (saved === undefined) delete process.env.DATABASE_URL;
  });
  afterAll(async () => database.close());

  it("answers ok with the database kind, the migrations applied and an idle processing view", async () => {
    useAppDatabase(database);
    const res = await GET();
    expect(res.status).toBe(200);
    const files = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).length;
    expect(await res.json()).toEqual({
      ok: true,
      db: database.kind,
      migrations: files,
      processing: { runners: [], due: 0, oldestDueSeconds: null, emailsDue: 0, emailsFailed: 0, emailKeyRefused: false, stalled: false },
    });
  });

  it("answers 503 naming the variable when DATABASE_URL is malformed", async () => {
    process.env.DATABASE_URL = "mysql://nope";
    const res = await GET();
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/^DATABASE_URL: /);
  });

  it("answers 503 naming every missing variable of a production web process", async () => {
    useAppDatabase(database);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("RESEND_API_KEY", "");
    const res = await GET();
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error).toMatch(/^DATABASE_URL: is required when NODE_ENV=production|^AUTH_SECRET: /);
    expect(body.config.map((m: string) => m.split(":")[0])).toEqual(expect.arrayContaining(["AUTH_SECRET", "RESEND_API_KEY", "EMAIL_FROM"]));
  });

  it("answers 503, not a crash, when the database cannot be reached, and recovers on the next call", async () => {
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/unreachable";
    const res = await GET();
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/database unavailable/);
    useAppDatabase(database);
    expect((await GET()).status).toBe(200);
  });

  it("shows live runners by heartbeat, the queue depth and the oldest due operation; a stall answers 503", async () => {
    useAppDatabase(database);
    const db = database.db;
    await recordHeartbeat(db, { id: "live0001", inFlight: 2, processed: 7 }, { kind: "worker", force: true });
    await recordHeartbeat(db, { id: "dead0001", inFlight: 0, processed: 1 }, { kind: "worker", force: true });
    await db.execute(sql`update runner_heartbeats set seen_at = now() - interval '1 minute' where id = 'dead0001'`);
    let view = (await (await GET()).json()).processing;
    expect(view.runners.map((r: { id: string }) => r.id)).toEqual(["live0001"]);
    expect(view.runners[0]).toMatchObject({ kind: "worker", inFlight: 2, processed: 7, pid: process.pid });
    expect((await processingGET()).status).toBe(200);

    // Paid with no runner taking it: due, and ten minutes late.
    const handler = await makeHandler(db, { module: "ispmanager", connection: { url: "http://127.0.0.1:1", username: "a", password: "b" } });
    const tariff = await makeTariff(db, { handlerIds: [handler.id] });
    const service = await orderAndPay(db, (await createClient(db, 100_000)).id, tariff.id);
    await db.update(operations).set({ runAt: sql`now() - interval '10 minutes'` }).where(eq(operations.serviceId, service.id));
    const stalled = await processingGET();
    expect(stalled.status).toBe(503);
    view = await stalled.json();
    expect(view).toMatchObject({ ok: false, due: 1, stalled: true });
    expect(view.oldestDueSeconds).toBeGreaterThanOrEqual(600);
    expect((await GET()).status).toBe(200);
  });

  it("answers the public only ok / not ok: no host, pid, runner ids, queue depth or variable names", async () => {
    useAppDatabase(database);
    await recordHeartbeat(database.db, { id: "pub00001", inFlight: 1, processed: 3 }, { kind: "worker", force: true });
    for (const request of [new Request("http://localhost/api/health"), withToken("/api/health", "wrong-token"), new Request("http://localhost/api/health", { headers: { cookie: "authjs.session-token=forged" } })]) {
      const res = await healthGET(request);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
      // The previous test left a stalled operation: the monitor says so, and nothing more.
      const processing = await processingRoute(request);
      expect([processing.status, await processing.json()]).toEqual([503, { ok: false }]);
    }
    expect((await (await GET()).json()).processing.runners.map((r: { id: string }) => r.id)).toContain("pub00001");
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("AUTH_SECRET", "");
    const down = await healthGET(new Request("http://localhost/api/health"));
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false });
  });

  it("gives the details to an admin session, not to other sessions", async () => {
    const request = new Request("http://localhost/api/health", { headers: { cookie: "authjs.session-token=abc" } });
    expect(await mayReadHealthDetails(request, async () => true)).toBe(true);
    expect(await mayReadHealthDetails(request, async () => false)).toBe(false);
    expect(await mayReadHealthDetails(new Request("http://localhost/api/health"), async () => true)).toBe(false);
    vi.stubEnv("METRICS_TOKEN", "");
    expect(await mayReadHealthDetails(withToken("/api/health", ""), async () => false)).toBe(false);
  });

  it("a runner stopped cleanly no longer counts as alive: its heartbeat row goes with it", async () => {
    useAppDatabase(database);
    const runner = await startRunner(database, { pollMs: 600_000, syncs: false, outbox: false });
    await waitUntil("the runner's first heartbeat", async () => (await database.db.select().from(runnerHeartbeats).where(eq(runnerHeartbeats.id, runner.id))).length === 1, 5_000);
    expect((await (await GET()).json()).processing.runners.map((r: { id: string }) => r.id)).toContain(runner.id);
    await runner.stop();
    expect(await database.db.select().from(runnerHeartbeats).where(eq(runnerHeartbeats.id, runner.id))).toEqual([]);
    expect((await (await GET()).json()).processing.runners.map((r: { id: string }) => r.id)).not.toContain(runner.id);
  });
});
