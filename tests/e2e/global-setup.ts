import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { readDatabaseUrl } from "../../lib/env";
import { startDemoSimulatorsOnFreePorts } from "../../lib/demo/simulators";

const root = join(import.meta.dirname, "../..");
const logDir = join(root, "test-results");

/**
 * Builds the app, gives it a fresh database (a temporary PGlite folder, or a new PostgreSQL
 * database e2e_<timestamp> when DATABASE_URL is set), seeds the demo data and starts `next start`.
 * Returns the teardown. Workers start after this, so they inherit E2E_BASE_URL.
 */
export default async function globalSetup() {
  const cleanups: (() => Promise<void> | void)[] = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      APP_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      AUTH_TRUST_HOST: "true",
      NEXT_TELEMETRY_DISABLED: "1",
      // The demo data, the simulators and the local mailbox: a demo run, not a deployment.
      PROVISIO_DEMO: "1",
      PAYMENT_WEBHOOK_SECRET: randomBytes(32).toString("hex"),
      // Every story signs up its own client from this one address.
      SIGN_UP_LIMIT: "200",
    };
    process.env.E2E_PAYMENT_WEBHOOK_SECRET = env.PAYMENT_WEBHOOK_SECRET;
    // The demo handlers point at the panel simulators, which live as long as this process.
    const simulators = await startDemoSimulatorsOnFreePorts();
    env.SIMULATOR_BASE_PORT = process.env.SIMULATOR_BASE_PORT;
    cleanups.push(() => Promise.all(simulators.map((s) => s.close())).then(() => {}));
    const url = readDatabaseUrl();
    if (url) {
      const name = `e2e_${Date.now()}`;
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      cleanups.push(() => dropDatabase(url, name));
      const target = new URL(url);
      target.pathname = `/${name}`;
      env.DATABASE_URL = target.toString();
    } else {
      const dir = mkdtempSync(join(tmpdir(), "provisio-e2e-"));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      env.PROVISIO_DATA_DIR = dir;
      delete env.DATABASE_URL;
    }
    if (process.env.E2E_SKIP_BUILD !== "1") run("npx", ["next", "build"], env);
    // PGlite allows one process per folder: the seed must finish and close before the server opens it.
    run("npx", ["tsx", "scripts/seed.ts"], env);
    // Task board e2e: a paid Manual setup order, so the runner puts a task on the board at start.
    run("npx", ["tsx", "tests/e2e/fixtures/orders.ts"], env);
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // Links in emails point where this server answers.
    env.APP_URL = baseUrl;
    const server = startServer(port, env);
    cleanups.push(() => stopServer(server));
    await waitForHealth(baseUrl, server);
    process.env.E2E_BASE_URL = baseUrl;
    return teardown;
  } catch (error) {
    await teardown();
    throw error;
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed with exit code ${result.status}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `npx next start` in its own process group: killing the group also ends next-server. */
function startServer(port: number, env: NodeJS.ProcessEnv): ChildProcess {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, "e2e-server.log"));
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: { ...env, NODE_ENV: "production", PORT: String(port) },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }, 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}; see ${logDir}/e2e-server.log`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${baseUrl} did not become healthy: ${last}`);
}

async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}
