import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { readdirSync } from "node:fs";
import { GET } from "@/app/api/health/route";
import { migrationsFolder } from "@/lib/db/migrate";
import { createTestDatabase, type TestDatabase } from "../helpers/db";
import { releaseAppDatabase, useAppDatabase } from "../helpers/app-database";

describe("GET /api/health", () => {
  let database: TestDatabase;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    database = await createTestDatabase();
    vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => {
    releaseAppDatabase();
    process.env.DATABASE_URL = saved;
    if (saved === undefined) delete process.env.DATABASE_URL;
  });
  afterAll(async () => database.close());

  it("answers ok with the database kind and the migrations applied", async () => {
    useAppDatabase(database);
    const res = await GET();
    expect(res.status).toBe(200);
    const files = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).length;
    expect(await res.json()).toEqual({ ok: true, db: database.kind, migrations: files });
  });

  it("answers 503 naming the variable when DATABASE_URL is malformed", async () => {
    process.env.DATABASE_URL = "mysql://nope";
    const res = await GET();
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/^DATABASE_URL: /);
  });

  it("answers 503, not a crash, when the database cannot be reached, and recovers on the next call", async () => {
    process.env.DATABASE_URL = "postgres://nobody@127.0.0.1:1/unreachable";
    const res = await GET();
    expect(res.status).toBe(503);
    expect((await res.json()).error).toMatch(/database unavailable/);
    useAppDatabase(database);
    expect((await GET()).status).toBe(200);
  });
});
