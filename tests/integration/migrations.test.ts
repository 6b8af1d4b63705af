import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { readdirSync } from "node:fs";
import { migrateDatabase, migrationCount, migrationsFolder } from "@/lib/db/migrate";
import { rows } from "@/lib/db/rows";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

describe("migrations", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("applied every migration file to the fresh database", async () => {
    const files = readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql"));
    expect(files.length).toBeGreaterThan(0);
    expect(await migrationCount(database)).toBe(files.length);
    const tables = await rows<{ table_name: string }>(
      database.db,
      sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["users", "clients", "operations", "tasks", "email_outbox", "api_keys", "settings"]),
    );
  });

  it("a second run changes nothing", async () => {
    const schemaOf = () =>
      rows<{ c: string }>(
        database.db,
        sql`select table_name || '.' || column_name || ':' || data_type as c from information_schema.columns
            where table_schema = 'public' order by 1`,
      );
    const before = await schemaOf();
    const countBefore = await migrationCount(database);
    expect((await migrateDatabase(database, database.url)).applied).toEqual([]);
    expect(await migrationCount(database)).toBe(countBefore);
    expect(await schemaOf()).toEqual(before);
  });

  it("enforces enum checks, foreign keys and unique keys in the database", async () => {
    await expect(
      database.db.execute(sql`insert into departments (name) values ('A'), ('A')`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`insert into handlers (name, product_type, module) values ('h', 'toaster', 'manual')`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`insert into department_members (department_id, user_id) values (999, 999)`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(sql`insert into clients (name, email, balance) values ('c', 'c@x', -1)`),
    ).rejects.toThrow();
  });
});
