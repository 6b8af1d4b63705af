import { inject } from "vitest";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { connect } from "@/lib/db/connect";
import type { Database } from "@/lib/db";
import { readDatabaseUrl } from "@/lib/env";
import { withDatabase } from "../setup/global";

let counter = 0;

export type TestDatabase = Database & { url?: string };

/** A fresh, migrated database for one test file: PGlite in memory, or a new PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = readDatabaseUrl();
  if (url) {
    const name = `provisio_t_${process.ppid}_${process.pid}_${Date.now()}_${counter++}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${inject("pgTemplate")}`);
    await admin.end();
    const dbUrl = withDatabase(url, name);
    const database = await connect({ kind: "postgres", url: dbUrl });
    return {
      ...database,
      url: dbUrl,
      async close() {
        await database.close();
        const drop = postgres(url, { max: 1, onnotice: () => {} });
        await drop.unsafe(`drop database if exists ${name} with (force)`);
        await drop.end();
      },
    };
  }
  const dump = readFileSync(inject("pgliteDump"));
  return connect({ kind: "pglite", loadDataDir: new Blob([dump]) });
}
