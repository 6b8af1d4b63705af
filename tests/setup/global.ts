import type { TestProject } from "vitest/node";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { connect } from "../../lib/db/connect";
import { migrateDatabase } from "../../lib/db/migrate";
import { readDatabaseUrl } from "../../lib/env";

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplate: string;
    pgliteDump: string;
  }
}

/** Migrates once per run: a template database on PostgreSQL, a data-dir dump on PGlite. */
export default async function setup(project: TestProject) {
  const url = readDatabaseUrl();
  if (url) {
    const template = `provisio_tpl_${process.pid}_${Date.now()}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${template}`);
    const templateUrl = withDatabase(url, template);
    const database = await connect({ kind: "postgres", url: templateUrl, max: 1 });
    await migrateDatabase(database, templateUrl);
    await database.close();
    project.provide("pgTemplate", template);
    project.provide("pgliteDump", "");
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`provisio_t_${process.pid}_%`} or datname = ${template}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "provisio-pglite-"));
  const database = await connect({ kind: "pglite" });
  await migrateDatabase(database);
  const pg = (database as unknown as { pglite: import("@electric-sql/pglite").PGlite }).pglite;
  const dump = await pg.dumpDataDir("none");
  await database.close();
  const file = join(dir, "migrated.tar");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide("pgTemplate", "");
  project.provide("pgliteDump", file);
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
