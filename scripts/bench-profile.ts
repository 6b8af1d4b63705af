/**
 * `npx tsx scripts/bench-profile.ts`: where one provisioning's time goes, on PostgreSQL
 * (DATABASE_URL), one operation at a time so nothing queues: the claim with its load, the time
 * until the request reaches the panel (handler choice and slot), and the panel's answer with the
 * completion. p50 of each step over BENCH_PROFILE_OPS operations (default 100), as JSON lines.
 */
import postgres from "postgres";
import { connect } from "../lib/db/connect";
import { migrateDatabase } from "../lib/db/migrate";
import { clients } from "../lib/db/schema";
import { startIspmanagerSimulator } from "../lib/modules/ispmanager/simulator";
import { claimAndLoad } from "../lib/processing/claim";
import { runOperation } from "../lib/processing/run-operation";
import { creditBalance } from "../lib/services/balance/credit";
import { createHandler } from "../lib/services/handlers/create";
import { createOrder } from "../lib/services/orders/create";
import { payOrder } from "../lib/services/orders/pay";
import { createTariff } from "../lib/services/tariffs/create";
import type { Ctx } from "../lib/services/context";

process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
process.env.LOG_LEVEL ??= "warn";
const count = Number(process.env.BENCH_PROFILE_OPS ?? 100);
const print = (metric: string, value: number, unit: string) => console.log(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }));
const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main() {
  const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const name = `bench_scale_profile_${Date.now()}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await connect({ kind: "postgres", url: u.toString(), max: 4 });
  const sim = await startIspmanagerSimulator();
  try {
    await migrateDatabase(database, u.toString());
    const { db } = database;
    const ctx: Ctx = { db, actor: { type: "system" } };
    const handler = await createHandler({ ctx, input: { name: "profile", productType: "hosting", module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } } });
    const tariff = await createTariff({ ctx, input: { productType: "hosting", name: "Profile", template: "StarterPack", prices: [{ months: 1, price: 100 }], handlerIds: [handler.id] } });
    const [client] = await db.insert(clients).values({ name: "Profile", email: "profile@provisio.test" }).returning();
    await creditBalance({ ctx, input: { clientId: client!.id, amount: 100_000_000 } });
    const steps = { claim: [] as number[], toPanel: [] as number[], panelAndComplete: [] as number[], total: [] as number[] };
    for (let i = 0; i < count + 10; i++) {
      const { order } = await createOrder({ ctx, input: { clientId: client!.id, items: [{ tariffId: tariff.id, months: 1, params: { domain: `profile-${i}.example.test` } }] } });
      const paid = await payOrder({ ctx, input: { orderId: order.id } });
      const remoteName = paid.services[0]!.remoteName;
      const t0 = performance.timeOrigin + performance.now();
      const [claimed] = await claimAndLoad(db, { limit: 1, now: new Date(), leaseMs: 60_000 });
      const t1 = performance.timeOrigin + performance.now();
      await runOperation(db, claimed!.lease, { loaded: claimed!.loaded });
      const t2 = performance.timeOrigin + performance.now();
      const call = sim.state.calls.find((c) => (c.params.name ?? c.params.elid) === remoteName);
      if (i < 10 || !call) continue; // the first ones warm the connections and caches
      steps.claim.push(t1 - t0);
      steps.toPanel.push(call.at - t1);
      steps.panelAndComplete.push(t2 - call.at);
      steps.total.push(t2 - t0);
    }
    print("profile_claim_and_load_ms", p50(steps.claim), "ms");
    print("profile_handler_and_slot_ms", p50(steps.toPanel), "ms");
    print("profile_panel_and_completion_ms", p50(steps.panelAndComplete), "ms");
    print("profile_total_ms", p50(steps.total), "ms");
  } finally {
    await sim.close();
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
