/**
 * API throughput on a real `next start`: order creation through POST /api/v1/orders next to a route
 * that does nothing (GET /api/v1/ping), in the same run. Prints JSON lines like scripts/bench.ts:
 * api_noop_per_s, api_orders_per_s, api_order_p99_ms. Builds into .next-bench unless
 * BENCH_SKIP_BUILD=1; uses a fresh PGlite folder, or a fresh database when DATABASE_URL is set.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { closeDatabase, getDatabase } from "../lib/db";
import { readDatabaseUrl } from "../lib/env";
import { clients } from "../lib/db/schema";
import { createApiKey } from "../lib/services/api-keys/create";
import { listPublishedTariffs } from "../lib/services/tariffs/list-published";
import { buildNext, startNext, type NextServer } from "./next-server";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const distDir = ".next-bench";
const print = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));
const log = (text: string) => process.stderr.write(`[bench-api] ${text}\n`);
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** A fresh database for the run: a PGlite folder, or a new database on the configured server. */
async function freshDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const url = readDatabaseUrl();
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), "provisio-bench-api-"));
    return { env: { PROVISIO_DATA_DIR: dir, DATABASE_URL: "" }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `provisio_bench_api_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: u.toString() },
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Demo data through scripts/seed.ts, then a key for the demo client, written before the server opens the database. */
async function prepare(env: Record<string, string>) {
  const seed = spawnSync(process.execPath, ["--import", "tsx", "scripts/seed.ts"], { stdio: ["ignore", 2, 2], env: { ...process.env, ...env } });
  if (seed.status !== 0) throw new Error("seeding failed");
  Object.assign(process.env, env);
  const { db } = await getDatabase();
  const ctx = { db, actor: { type: "system" as const } };
  const [client] = await db.select({ id: clients.id }).from(clients).limit(1);
  const { secret } = await createApiKey({ ctx, input: { name: "bench", scopes: ["read", "orders:write"], clientId: client!.id } });
  const tariff = (await listPublishedTariffs({ ctx })).find((t) => t.productType !== "domain" && t.prices.some((p) => p.months === 1));
  await closeDatabase();
  if (!tariff) throw new Error("no tariff sold by the month in the demo data");
  return { key: secret, tariffId: tariff.id };
}

/** Fires n requests with at most `concurrency` in flight; returns each one's latency in ms. */
async function fire(n: number, concurrency: number, request: (i: number) => Promise<void>): Promise<{ seconds: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t = performance.now();
        await request(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, latencies };
}

async function main() {
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
  process.env.AUTH_SECRET ??= "bench-api-auth-secret-bench-api-auth-secret";
  if (process.env.BENCH_SKIP_BUILD !== "1") {
    log(`next build into ${distDir}`);
    buildNext(distDir);
  }
  const database = await freshDatabase();
  let server: NextServer | undefined;
  try {
    const { key, tariffId } = await prepare(database.env);
    server = await startNext(distDir, { ...database.env, API_RATE_LIMIT_PER_MIN: "1000000000" });
    const base = `${server.url}/api/v1`;
    const body = JSON.stringify({ items: [{ tariffId, months: 1 }] });
    const ping = async () => {
      const r = await fetch(`${base}/ping`);
      if (r.status !== 200) throw new Error(`ping answered ${r.status}`);
      await r.arrayBuffer();
    };
    const order = async (i: number) => {
      const r = await fetch(`${base}/orders`, {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": `bench-${process.pid}-${i}` },
      });
      if (r.status !== 201) throw new Error(`order answered ${r.status}: ${await r.text()}`);
      await r.arrayBuffer();
    };
    await fire(200, 16, ping);
    await fire(50, 8, (i) => order(1_000_000 + i));
    const noop = await fire(Math.round(3000 * scale), 32, ping);
    print("api_noop_per_s", noop.latencies.length / noop.seconds, "req/s");
    const orders = await fire(Math.round(1000 * scale), 16, order);
    print("api_orders_per_s", orders.latencies.length / orders.seconds, "orders/s");
    print("api_order_p99_ms", percentile(orders.latencies, 99), "ms");
  } finally {
    if (server) await server.stop();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
