import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { readDatabaseUrl } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "../helpers/db";

const url = readDatabaseUrl();

/**
 * postgres.js as installed (scripts/patch-postgres.mjs) hands a query the connection that went idle
 * last, so a trickle of statements keeps to one warm backend and its plan cache.
 */
describe("connection pool", () => {
  let database: TestDatabase;
  let client: postgres.Sql;
  beforeAll(async () => {
    database = await createTestDatabase();
    if (url) client = postgres(database.url!, { max: 4, onnotice: () => {} });
  });
  afterAll(async () => {
    await client?.end();
    await database?.close();
  });

  it(url ? "runs one statement after another on the connection that went idle last" : "installs postgres.js with the last-idle-first mend in each of its builds", async () => {
    if (!url) {
      // The package's entry for require is cjs/src/index.js; its root is two levels up.
      const root = join(dirname(createRequire(import.meta.url).resolve("postgres")), "..", "..");
      for (const build of ["src", "cjs/src", "cf/src"]) {
        expect(readFileSync(join(root, build, "index.js"), "utf8"), build).toContain("return go(open.pop(), query)");
        expect(readFileSync(join(root, build, "queue.js"), "utf8"), build).toMatch(/pop: \(\) =>/);
      }
      return;
    }
    // Four at once: the pool opens its four connections.
    const opened = await Promise.all(Array.from({ length: 4 }, () => client`select pg_backend_pid() as pid, pg_sleep(0.05)`));
    expect(new Set(opened.map(([row]) => row!.pid)).size).toBe(4);
    // One at a time afterwards: taken first-in first-out, they would go round all four.
    const pids: number[] = [];
    for (let i = 0; i < 12; i++) pids.push((await client`select pg_backend_pid() as pid`)[0]!.pid as number);
    expect(new Set(pids).size).toBe(1);
    // A second statement while the first runs still gets a connection of its own.
    const both = await Promise.all([client`select pg_backend_pid() as pid, pg_sleep(0.05)`, client`select pg_backend_pid() as pid`]);
    expect(both[0][0]!.pid).not.toBe(both[1][0]!.pid);
  });
});
