import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { privateDataDir } from "./private-dir";
import { preparing } from "./prepared";
import * as schema from "./schema";
import type { Database, Db } from "./types";

export type ConnectOptions =
  | { kind: "postgres"; url: string; max?: number }
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Blob | File };

function quoteIdent(channel: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
  return channel;
}

/** Opens a database: PostgreSQL through postgres.js, or embedded PGlite (in memory without dataDir). */
export async function connect(options: ConnectOptions): Promise<Database> {
  if (options.kind === "postgres") {
    const client = postgres(options.url, {
      max: options.max ?? 20,
      onnotice: () => {},
      connection: { application_name: "provisio" },
    });
    const db = drizzlePostgres(preparing(client), { schema, casing: "snake_case" }) as unknown as Db;
    return {
      db,
      kind: "postgres",
      async listen(channel, fn) {
        const sub = await client.listen(quoteIdent(channel), fn);
        return async () => sub.unlisten();
      },
      async notify(channel, payload = "") {
        await client.notify(quoteIdent(channel), payload);
      },
      close: () => client.end({ timeout: 5 }),
    };
  }
  const pg = await PGlite.create({ dataDir: options.dataDir, loadDataDir: options.loadDataDir });
  // PGlite writes its files 0666 whatever the umask: set them (and the folder) back to owner-only.
  if (options.dataDir) privateDataDir(options.dataDir);
  const db = drizzlePglite(pg, { schema, casing: "snake_case" }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    async listen(channel, fn) {
      return pg.listen(quoteIdent(channel), fn);
    },
    async notify(channel, payload = "") {
      await pg.query(`select pg_notify($1, $2)`, [quoteIdent(channel), payload]);
    },
    close: () => pg.close(),
    ...({ pglite: pg } as object),
  };
}
