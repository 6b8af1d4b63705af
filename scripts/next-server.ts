/**
 * A production build of the app in its own folder (NEXT_DIST_DIR), started with `next start` on a
 * free port in its own process group: used by the API benchmark and the chaos run.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const nextBin = join(root, "node_modules", ".bin", "next");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** next build adds a side build's type folders to tsconfig.json; take them out again. */
function tidyTsconfig(distDir: string) {
  const file = join(root, "tsconfig.json");
  const config = JSON.parse(readFileSync(file, "utf8")) as { include?: string[] };
  const include = config.include?.filter((p) => !p.startsWith(`${distDir}/`));
  if (include?.length !== config.include?.length) writeFileSync(file, `${JSON.stringify({ ...config, include }, null, 2)}\n`);
}

export function buildNext(distDir: string): void {
  const build = spawnSync(nextBin, ["build"], { cwd: root, stdio: ["ignore", 2, 2], env: { ...process.env, NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: "1" } });
  tidyTsconfig(distDir);
  if (build.status !== 0) throw new Error("next build failed");
}

export type NextServer = { url: string; child: ChildProcess; stop(): Promise<void> };

/** Starts `next start` on the build in distDir and waits until /api/v1/ping answers. */
export async function startNext(distDir: string, env: Record<string, string | undefined>): Promise<NextServer> {
  const port = await freePort();
  const child = spawn(nextBin, ["start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", 2, 2],
    // A local run with simulators and the local mailbox (PROVISIO_DEMO), not a deployment.
    env: { APP_URL: `http://127.0.0.1:${port}`, ...process.env, ...env, NODE_ENV: "production", PROVISIO_DEMO: "1", NEXT_DIST_DIR: distDir, AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid, "SIGTERM");
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + 90_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/v1/ping`).then((r) => r.ok, () => false);
    if (ok) return { url, child, stop };
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error("next start did not answer in 90 s");
}
