/**
 * `npm run bench:profile`: where one provisioning's time goes, on PostgreSQL (DATABASE_URL), one
 * operation at a time so nothing queues, with the ISPmanager simulator in its own process as in
 * `npm run bench`. Steps, p50 over BENCH_PROFILE_OPS operations (default 200), as JSON lines:
 * pay (the order's payment, until its commit returns), wake (commit to the runner's claim being
 * sent: NOTIFY delivered), claim (claim with load and, where one is free, the slot), slot (handler
 * choice after the claim: only when the claim found no free slot), to_panel (slot
 * to the first request arriving at the panel), panel (first request to the last answer: three calls
 * to ISPmanager), completion (last answer to the completion's commit), and total (pay commit to
 * completion).
 */
import postgres from "postgres";
import { connect } from "../lib/db/connect";
import { migrateDatabase } from "../lib/db/migrate";
import { clients } from "../lib/db/schema";
import { claimAndLoad } from "../lib/processing/claim";
import { runOperation } from "../lib/processing/run-operation";
import { WORK_CHANNEL } from "../lib/processing/wake";
import { creditBalance } from "../lib/services/balance/credit";
import { createHandler } from "../lib/services/handlers/create";
import { createOrder } from "../lib/services/orders/create";
import { payOrder } from "../lib/services/orders/pay";
import { createTariff } from "../lib/services/tariffs/create";
import type { Ctx } from "../lib/services/context";
import { startSimulatorProcess } from "./bench-sim";

process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 9).toString("base64");
process.env.LOG_LEVEL ??= "warn";
const count = Number(process.env.BENCH_PROFILE_OPS ?? 200);
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
  const sim = await startSimulatorProcess();
  try {
    await migrateDatabase(database, u.toString());
    const { db } = database;
    const ctx: Ctx = { db, actor: { type: "system" } };
    const handler = await createHandler({ ctx, input: { name: "profile", productType: "hosting", module: "ispmanager", connection: { url: sim.url, username: "admin", password: "secret" } } });
    const tariff = await createTariff({ ctx, input: { productType: "hosting", name: "Profile", template: "StarterPack", prices: [{ months: 1, price: 100 }], handlerIds: [handler.id] } });
    const [client] = await db.insert(clients).values({ name: "Profile", email: "profile@provisio.test" }).returning();
    await creditBalance({ ctx, input: { clientId: client!.id, amount: 100_000_000 } });
    const now = () => performance.timeOrigin + performance.now();
    // The runner's wake: a NOTIFY on the work channel after the payment's commit.
    let woke: (() => void) | null = null;
    const unlisten = await database.listen(WORK_CHANNEL, () => woke?.());
    const steps: Record<string, number[]> = { pay: [], wake: [], claim: [], slot: [], to_panel: [], panel: [], completion: [], total: [] };
    for (let i = 0; i < count + 10; i++) {
      const { order } = await createOrder({ ctx, input: { clientId: client!.id, items: [{ tariffId: tariff.id, months: 1, params: { domain: `profile-${i}.example.test` } }] } });
      const wake = new Promise<number>((resolve) => (woke = () => resolve(now())));
      const t0 = now();
      const paid = await payOrder({ ctx, input: { orderId: order.id } });
      const tPaid = now();
      const tWoke = await wake;
      const [claimed] = await claimAndLoad(db, { limit: 1, now: new Date(), leaseMs: 60_000 });
      const tClaimed = now();
      let tSlot = 0;
      await runOperation(db, claimed!.lease, { loaded: claimed!.loaded, onSlot: () => (tSlot = now()) });
      const tDone = now();
      const remoteName = paid.services[0]!.remoteName;
      const calls = (await sim.state()).calls.filter((c) => c.at >= tSlot);
      const last = calls.findLast((c) => (c.params.name ?? c.params.elid) === remoteName);
      if (i < 10 || !calls.length || !last) continue; // the first ones warm the connections and caches
      steps.pay!.push(tPaid - t0);
      steps.wake!.push(Math.max(0, tWoke - tPaid));
      steps.claim!.push(tClaimed - Math.max(tWoke, tPaid));
      steps.slot!.push(tSlot - tClaimed);
      steps.to_panel!.push(calls[0]!.at - tSlot);
      steps.panel!.push(last.at - calls[0]!.at);
      steps.completion!.push(tDone - last.at);
      steps.total!.push(tDone - tPaid);
      // Keeps the simulator's lists short: each operation makes a user of its own.
      await fetch(`${sim.url}/__sim/reset`, { method: "POST" });
    }
    await unlisten();
    for (const [step, values] of Object.entries(steps)) print(`profile_${step}_ms`, p50(values), "ms");
  } finally {
    sim.close();
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
