/**
 * `npm run build:prod`: the production build. The web as a standalone Next.js server
 * (.next/standalone/server.js, with its static files and the drizzle/ migrations copied in), and
 * the worker, migrate, create-admin, rotate-key and copy-identity commands compiled by esbuild into dist/*.mjs (started with
 * `node`; they need the production dependencies, `npm ci --omit=dev`, and no tsx). `--skip-next`
 * compiles only dist/ (a `next build` was made already, e.g. by the test run).
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

const root = join(import.meta.dirname, "..");
const distDir = join(root, process.env.NEXT_DIST_DIR || ".next");

export const COMMANDS = ["worker", "migrate", "create-admin", "rotate-key", "copy-identity"];

/** The commands in dist/, with a copy of the migrations beside them so dist/ can be shipped alone. */
export async function buildCommands(): Promise<void> {
  await build({
    entryPoints: COMMANDS.map((c) => join(root, "scripts", `${c}.ts`)),
    outdir: join(root, "dist"),
    outExtension: { ".js": ".mjs" },
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: join(root, "tsconfig.json"),
    logLevel: "warning",
  });
  rmSync(join(root, "dist", "drizzle"), { recursive: true, force: true });
  cpSync(join(root, "drizzle"), join(root, "dist", "drizzle"), { recursive: true });
}

/** Next's standalone output leaves static files and data folders to the deployer: copy them in. */
export function completeStandalone(): void {
  const standalone = join(distDir, "standalone");
  if (!existsSync(join(standalone, "server.js"))) throw new Error(`no standalone build in ${standalone}: run next build first`);
  const staticDir = join(standalone, process.env.NEXT_DIST_DIR || ".next", "static");
  rmSync(staticDir, { recursive: true, force: true });
  cpSync(join(distDir, "static"), staticDir, { recursive: true });
  if (existsSync(join(root, "public"))) cpSync(join(root, "public"), join(standalone, "public"), { recursive: true });
  rmSync(join(standalone, "drizzle"), { recursive: true, force: true });
  cpSync(join(root, "drizzle"), join(standalone, "drizzle"), { recursive: true });
}

if (import.meta.filename === process.argv[1]) {
  if (!process.argv.includes("--skip-next")) {
    const next = spawnSync(join(root, "node_modules", ".bin", "next"), ["build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (next.status !== 0) process.exit(next.status ?? 1);
  }
  completeStandalone();
  await buildCommands();
  console.log(`Built: ${join(distDir, "standalone", "server.js")} and dist/${COMMANDS.map((c) => `${c}.mjs`).join(", dist/")}`);
}
