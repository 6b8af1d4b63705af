import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { COMMANDS } from "../../scripts/build-prod";
import { withDatabase } from "../setup/global";
import { startProcess, type Started } from "./processes";

/**
 * The production build as a deployment runs it: the standalone web and the compiled commands in
 * dist/, started with `node` from another directory with only the variables given. `npm test`
 * builds once and sets PROVISIO_BUILD_READY=1 (Playwright reuses the same build); otherwise the
 * first test file that needs it builds.
 */
export const root = join(import.meta.dirname, "../..");
export const server = join(root, ".next", "standalone", "server.js");
export const bin = (name: string) => join(root, "dist", `${name}.mjs`);

/** Runs `npm run build:prod` unless this run built already. */
export function ensureProductionBuild(): void {
  if (process.env.PROVISIO_BUILD_READY === "1" && existsSync(server) && COMMANDS.every((c) => existsSync(bin(c)))) return;
  const build = spawnSync(process.execPath, ["--import", "tsx", "scripts/build-prod.ts"], { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_DIST_DIR: "" } });
  if (build.status !== 0) throw new Error("npm run build:prod failed");
}

export type ProductionProcesses = {
  /** The scratch directory every process starts in (not the source tree). */
  elsewhere: string;
  node(script: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Started;
  /** Ends every process still running and removes the scratch directory. */
  close(): Promise<void>;
};

/** Starts `node <script>` processes in a scratch directory, with PATH and the given variables only. */
export function productionProcesses(prefix: string): ProductionProcesses {
  const running: Started[] = [];
  const elsewhere = mkdtempSync(join(tmpdir(), prefix));
  return {
    elsewhere,
    node(script, args, env, stdin) {
      const p = startProcess(process.execPath, [script, ...args], { env: { PATH: process.env.PATH, ...env }, cwd: elsewhere, stdin });
      running.push(p);
      return p;
    },
    async close() {
      await Promise.all(running.map((p) => p.kill()));
      rmSync(elsewhere, { recursive: true, force: true });
    },
  };
}

/** An empty PostgreSQL database beside the one in `url` (no migrations: the processes under test run them); returns its URL. */
export async function createEmptyDatabase(url: string, name: string): Promise<string> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return withDatabase(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Signs in through Auth.js as a browser would (CSRF token, credentials callback); returns the session cookie. */
export async function signInOverHttp(base: string, email: string, password: string, callbackPath: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${base}${callbackPath}` }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed: ${res.status} ${res.headers.get("location")}`);
  return session.split(";")[0]!;
}
