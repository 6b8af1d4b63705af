import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readdirSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import { GET } from "@/app/api/health/route";
import { GET as processingGET } from "@/app/api/health/processing/route";
import { migrationsFolder } from "@/lib/db/migrate";
import { operations } from "@/lib/db/schema";
import { recordHeartbeat } from "@/lib/health/heartbeat";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";
import { createClient, makeHandler, makeTariff, orderAndPay } from "../helpers/factories";

describe("GET /api/health", () => {
  let database: TestDatabase;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    database = await createTestDatabase();
    vi.spyOn(console, "error").mockImplementation(() => {});
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
      processing: { runners: [], due: 0, oldestDueSeconds: null, emailsDue: 0, stalled: false },
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
});
