/**
 * A chaos run on PostgreSQL: the six simulators and N workers in their own processes, customers
 * ordering and changing services while workers are killed, panels fail and connections are cut;
 * then everything calms down, settles, and is checked. Returns the figures and the findings.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { kill, startSimulatorProcesses, startWorker, simulatorKinds, type Proc } from "./cluster";
import { check, payToActive, type Findings } from "./checks";
import { administer } from "./admin";
import { drive } from "./driver";
import { runChaos } from "./faults";
import { readPanel } from "./panels";
import { steadyPace } from "./pace";
import { startNext } from "../next-server";
import { buildCommands } from "../build-prod";

export type ChaosOptions = {
  url: string;
  seconds: number;
  kills: number;
  workers: number;
  settleSeconds: number;
  /** A production build to run the web process from (`next start`); without it the REST routes run in this process. */
  webDistDir?: string;
  keepDatabase?: boolean;
  /** Steady mode (pace.ts): a warm-up measures the capacity, then the customers order at this fraction of it. */
  steady?: { warmupSeconds: number; fraction: number };
};
export type ChaosReport = { figures: Record<string, number>; findings: Findings };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A local webhook endpoint that counts every delivery by its outbox id. */
async function startReceiver() {
  const delivered = new Map<number, number>();
  const server = createServer((req, res) => {
    const id = Number(req.headers["x-provisio-delivery"]);
    req.resume();
    req.on("end", () => {
      if (id) delivered.set(id, (delivered.get(id) ?? 0) + 1);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, delivered, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function chaosRun(options: ChaosOptions): Promise<ChaosReport> {
  const t0 = Date.now();
  const name = `chaos_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(options.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(options.url, name);
  const secrets = { APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"), AUTH_SECRET: randomBytes(32).toString("base64url") };
  Object.assign(process.env, secrets, { DATABASE_URL: url });
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? "test", PROCESSING_LEASE_MS: "3000", PROCESSING_POLL_MS: "300", PROCESSING_CONCURRENCY: "16" };
  const cleanups: (() => Promise<unknown>)[] = [];
  const workers: (Proc | null)[] = [];
  try {
    await buildCommands();
    const simulators = await startSimulatorProcesses(env);
    Object.assign(process.env, { SIMULATOR_BASE_PORT: env.SIMULATOR_BASE_PORT });
    cleanups.push(() => Promise.all(Object.values(simulators).map((s) => kill(s, "SIGTERM"))));
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const { prepare } = await import("./prepare");
    const { db, clientIds, apiKey, close } = await prepare(receiver.url);
    cleanups.push(close);
    for (let i = 0; i < options.workers; i++) workers.push(await startWorker(env, i));
    let web: string | null = null;
    if (options.webDistDir) {
      const server = await startNext(options.webDistDir, { ...env, PROVISIO_RUNNER: "off", API_RATE_LIMIT_PER_MIN: "1000000000" });
      cleanups.push(server.stop);
      web = server.url;
    }
    cleanups.push(() => Promise.all(workers.map((w) => w && kill(w, "SIGTERM"))));

    console.error(`chaos: simulators, ${options.workers} workers${web ? ", the web process" : ""} and the catalog ready after ${Date.now() - t0} ms`);
    const until = Date.now() + options.seconds * 1000;
    const controls = Object.fromEntries(simulatorKinds.map((k) => [k, simulators[k].control])) as Record<(typeof simulatorKinds)[number], string>;
    const s = options.steady;
    const pace = s ? steadyPace({ db, until, warmupSeconds: s.warmupSeconds, fraction: s.fraction, cap: options.workers * 32, backlogSeconds: 30 }) : undefined;
    const [driven, administered, chaos] = await Promise.all([
      drive({ db, until, clientIds, apiKey, loops: 3, tag: name.slice(-6), web, pace }),
      administer({ db, until, clientIds }),
      runChaos({ until, kills: options.kills, controls, workers, workerEnv: env, databaseUrl: options.url, databaseName: name }),
    ]);

    const sql = postgres(url, { max: 2, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 5 }));
    console.error(`chaos: faults off after ${Date.now() - t0} ms, settling`);
    const settleUntil = Date.now() + options.settleSeconds * 1000;
    let busy = Infinity;
    while (Date.now() < settleUntil) {
      // Once the faults are off, emails and webhooks that backed off during them are due now, as an
      // operator's "retry now" would make them (their backoff grows to minutes).
      await sql`update email_outbox set run_at = now() where status = 'queued' and run_at > now()`;
      await sql`update webhook_outbox set run_at = now() where status = 'queued' and run_at > now()`;
      const [row] = await sql`select (select count(*) from operations where status in ('queued', 'running', 'waiting'))
        + (select count(*) from email_outbox where status in ('queued', 'sending'))
        + (select count(*) from webhook_outbox where status in ('queued', 'sending')) as n`;
      busy = Number(row!.n);
      if (busy === 0) break;
      await sleep(500);
    }
    // The workers stop before anything is read: panels and database are then one picture (a close
    // finishing between the two reads would show its deleted object as an orphan of a closed service).
    await Promise.all(workers.map((w, i) => w && kill(w).then(() => void (workers[i] = null))));
    console.error(`chaos: ${busy === 0 ? "settled" : `not settled (${busy} left)`} after ${Date.now() - t0} ms, workers stopped, checking`);
    const panels = Object.fromEntries(await Promise.all(simulatorKinds.map(async (k) => [k, await readPanel(k, simulators[k].control)] as const)));
    const findings = await check(db, panels as never, receiver.delivered);
    const latency = await payToActive(db);
    const paced = pace?.figures();
    const steadyLatency = paced?.steadyFrom ? await payToActive(db, paced.steadyFrom) : null;
    const [counts] = await sql`select count(*)::int as services, count(*) filter (where status = 'active')::int as active,
      (select count(*)::int from tasks where status in ('new', 'in_progress')) as open_tasks from services`;
    return {
      figures: {
        chaos_seconds: options.seconds,
        chaos_kills: chaos.kills,
        chaos_fault_switches: chaos.faultSwitches,
        chaos_backends_terminated: chaos.backendKills,
        chaos_orders: driven.orders,
        chaos_refused_requests: driven.refused,
        chaos_actions: driven.actions,
        chaos_plan_changes: administered.planChanges,
        chaos_refunds: administered.refunds,
        chaos_full_refunds: administered.fullRefunds,
        chaos_client_suspensions: administered.clientSuspensions,
        chaos_refused_admin: administered.refused,
        chaos_services: counts!.services,
        chaos_active: counts!.active,
        chaos_open_tasks: counts!.open_tasks,
        chaos_unsettled: busy,
        chaos_duplicates: findings.duplicates.length,
        chaos_lost: findings.lost.length + findings.orphans.length + findings.state.length,
        chaos_stuck: findings.stuck.length + administered.liftErrors.length,
        chaos_email_mismatches: findings.email.length + findings.webhooks.length,
        chaos_ledger_mismatches: findings.ledger.length,
        chaos_p50_pay_to_active_ms: latency.p50,
        chaos_p99_pay_to_active_ms: latency.p99,
        ...(paced && steadyLatency
          ? {
              chaos_capacity_opens_per_s: Math.round(paced.capacityPerS * 100) / 100,
              chaos_steady_orders_per_s: Math.round(paced.steadyOrdersPerS * 100) / 100,
              chaos_steady_max_backlog: paced.maxBacklog,
              chaos_steady_opens: steadyLatency.n,
              chaos_steady_p50_pay_to_active_ms: steadyLatency.p50,
              chaos_steady_p99_pay_to_active_ms: steadyLatency.p99,
            }
          : {}),
      },
      findings: { ...findings, stuck: [...findings.stuck, ...chaos.errors, ...administered.liftErrors] },
    };
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    if (!options.keepDatabase) await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end({ timeout: 5 });
  }
}
