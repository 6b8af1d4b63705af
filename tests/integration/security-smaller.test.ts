import { afterAll, describe, expect, it } from "vitest";
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { connect } from "@/lib/db/connect";
import { privateDataDir } from "@/lib/db/private-dir";

/** Every path under a folder with its permission bits. */
function modes(dir: string): [string, number][] {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).map((e) => {
    const path = join(e.parentPath, e.name);
    return [path, statSync(path).mode & 0o777];
  });
}

describe("the embedded database's files are readable by their owner only", () => {
  const root = mkdtempSync(join(tmpdir(), "provisio-data-"));
  const saved = process.umask();
  afterAll(() => {
    process.umask(saved);
    rmSync(root, { recursive: true, force: true });
  });

  it("sets the data folder 0700 and keeps files away from others, also with a permissive umask and an old 0666 file", async () => {
    process.umask(0);
    const data = join(root, ".data");
    mkdirSync(join(data, "pglite"), { recursive: true, mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, "pglite", "old-file"), "x", { mode: 0o666 });
    privateDataDir(join(data, "pglite"));
    const database = await connect({ kind: "pglite", dataDir: join(data, "pglite") });
    await database.db.execute(sql`create table t (id int primary key, v text)`);
    await database.db.execute(sql`insert into t values (1, 'secret')`);
    await database.close();
    expect(statSync(data).mode & 0o777).toBe(0o700);
    const all = modes(data);
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter(([, mode]) => mode & 0o077)).toEqual([]);
  });
});
