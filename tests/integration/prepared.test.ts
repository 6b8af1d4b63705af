import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { connect } from "@/lib/db/connect";
import { rows } from "@/lib/db/rows";
import { preparing } from "@/lib/db/prepared";
import { readDatabaseUrl } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const url = readDatabaseUrl();

/** drizzle runs statements unnamed; the wrapper has postgres.js prepare them, a bounded number of texts. */
describe("prepared statements", () => {
  let database: TestDatabase;
  let client: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection, so pg_prepared_statements (per session) shows what it prepared.
    if (url) client = postgres(database.url!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await client?.end();
    await database?.close();
  });

  const prepared = async (db: ReturnType<typeof drizzle>) =>
    (await rows<{ statement: string }>(db as never, sql`select statement from pg_prepared_statements where statement like '%marker_%' and statement not like '%pg_prepared_statements%'`)).map((r) => r.statement);

  it(url ? "prepares statements with parameters, up to the cap of distinct texts, in and out of transactions" : "PGlite runs statements in its own process and keeps none prepared", async () => {
    if (!url) {
      for (let i = 0; i < 3; i++) expect((await rows<{ marker_p: number }>(database.db, sql`select ${i}::int as marker_p`))[0]!.marker_p).toBe(i);
      expect(await prepared(database.db as never)).toEqual([]);
      return;
    }
    const db = drizzle(preparing(client, 3));
    for (let i = 0; i < 3; i++) await db.execute(sql`select ${i}::int as marker_a`);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as marker_b`);
      await tx.transaction(async (inner) => void (await inner.execute(sql`select ${1}::int as marker_c`)));
    });
    // Over the cap of three texts: runs, unprepared.
    expect((await rows<{ marker_d: number }>(db as never, sql`select ${7}::int as marker_d`))[0]!.marker_d).toBe(7);
    // No parameters: never prepared.
    await db.execute(sql`select 1 as marker_e`);
    const seen = await prepared(db);
    expect(seen.some((s) => s.includes("marker_a"))).toBe(true);
    expect(seen.some((s) => s.includes("marker_b"))).toBe(true);
    expect(seen.some((s) => s.includes("marker_c"))).toBe(true);
    expect(seen.some((s) => s.includes("marker_d"))).toBe(false);
    expect(seen.some((s) => s.includes("marker_e"))).toBe(false);
    // A prepared statement is one entry per text, however often it runs.
    expect(seen.filter((s) => s.includes("marker_a"))).toHaveLength(1);
  });

  it("the application's connection prepares its statements (PostgreSQL) or runs them as they come (PGlite)", async () => {
    const one = url ? await connect({ kind: "postgres", url: database.url!, max: 1 }) : database;
    try {
      for (let i = 0; i < 3; i++) await rows(one.db, sql`select ${i}::int as marker_app`);
      const found = await rows<{ n: number }>(one.db, sql`select count(*)::int as n from pg_prepared_statements where statement like '%marker_app%' and statement not like '%pg_prepared%'`);
      expect(Number(found[0]!.n)).toBe(url ? 1 : 0);
    } finally {
      if (one !== database) await one.close();
    }
  });
});
