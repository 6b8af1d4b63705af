/**
 * `npm start`: the zero-setup demo. The panel simulators, the database (embedded PGlite in .data/
 * unless DATABASE_URL is set) with demo data on a first run, a build when the sources changed, then
 * the app on http://localhost:3000 with the embedded runner. Its processes are marked as the demo
 * (PROVISIO_DEMO=1): generated keys and the local mailbox are fine there. A deployment uses
 * `npm run build:prod` and `npm run start:prod` instead, which never seed or start simulators.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { closeDatabase, getDatabase } from "../lib/db";
import { ConfigError, dataDir } from "../lib/env";
import { completeStandalone } from "./build-prod";
import { demoSignIns, seedDemo } from "../lib/seed";
import { demoPorts, startDemoSimulators, type DemoSimulatorKind } from "../lib/demo/simulators";
import { buildWithProgress, simulatorLines } from "../lib/demo/start-report";

const port = process.env.PORT ?? "3000";
const nextBin = join(process.cwd(), "node_modules", ".bin", "next");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  const buildId = join(process.cwd(), ".next", "BUILD_ID");
  if (!existsSync(buildId)) return true;
  const built = statSync(buildId).mtimeMs;
  return ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.ts"].some((p) => {
    const path = join(process.cwd(), p);
    if (!existsSync(path)) return false;
    return (statSync(path).isDirectory() ? newestSource(path) : statSync(path).mtimeMs) > built;
  });
}

async function main() {
  process.env.PROVISIO_DEMO = "1";
  // Links in emails point at the demo's own address unless APP_URL names another.
  process.env.APP_URL ||= `http://localhost:${port}`;
  const simulators = await startDemoSimulators();
  console.log(`Panel simulators (stand-ins for the real panels):\n${simulatorLines(Object.keys(demoPorts()) as DemoSimulatorKind[], simulators).join("\n")}`);
  const database = await getDatabase();
  const seeded = await seedDemo(database.db);
  console.log(`Database: ${database.kind}${seeded ? " (demo data loaded)" : ""}`);
  await closeDatabase();
  if (process.env.PROVISIO_SKIP_BUILD !== "1" && needsBuild()) {
    console.log("Building the app (first run or changed sources): this takes a few minutes on a small machine; progress follows…");
    const status = await buildWithProgress(nextBin, ["build"], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    if (status !== 0) process.exit(status);
  }
  console.log(`\nProvisio demo on http://localhost:${port} (for a deployment see "Production" in README.md)\nDemo sign-ins:`);
  for (const s of demoSignIns) console.log(`  ${s.role.padEnd(6)} ${s.email.padEnd(24)} ${s.password}`);
  console.log("No email leaves this machine: confirmation and password reset links are printed here as \"Demo mailbox: …\".\n");
  // The same standalone server as a deployment; it runs in its own folder, so the data folder is made absolute.
  completeStandalone();
  const app = spawn(process.execPath, [join(process.cwd(), ".next", "standalone", "server.js")], {
    stdio: "inherit",
    env: { ...process.env, PORT: port, HOSTNAME: "0.0.0.0", PROVISIO_DATA_DIR: resolve(dataDir()), NEXT_TELEMETRY_DISABLED: "1" },
  });
  const stop = async (code: number) => {
    await Promise.all(simulators.map((s) => s.close()));
    process.exit(code);
  };
  process.on("SIGINT", () => app.kill("SIGINT"));
  process.on("SIGTERM", () => app.kill("SIGTERM"));
  app.on("exit", (code) => void stop(code ?? 0));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(`Cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
