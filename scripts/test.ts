/**
 * `npm test`: lint, type check, the production build (once), Vitest (unit, integration, module
 * contract kit) and Playwright (end-to-end in Chromium), on PGlite or on PostgreSQL when DATABASE_URL is set. Ends with one
 * line "N passed, M failed" counting the tests of both runners.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const out = join(process.cwd(), ".test-output");
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const bin = (name: string) => join(process.cwd(), "node_modules", ".bin", name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
let failedSteps = 0;

/** Steps that only read the tree, run side by side (each is one process on its own core); each output is printed whole when it ends. */
async function together(steps: [string, string, string[]][]): Promise<void> {
  await Promise.all(
    steps.map(
      ([title, cmd, args]) =>
        new Promise<void>((done) => {
          const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
          const output: Buffer[] = [];
          child.stdout.on("data", (d: Buffer) => output.push(d));
          child.stderr.on("data", (d: Buffer) => output.push(d));
          child.on("close", (code) => {
            console.log(`\n=== ${title}`);
            process.stdout.write(Buffer.concat(output));
            if (code !== 0) failedSteps++;
            done();
          });
        }),
    ),
  );
}

function step(title: string, cmd: string, args: string[], extraEnv: Record<string, string> = {}): boolean {
  console.log(`\n=== ${title}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extraEnv } });
  const ok = result.status === 0;
  if (!ok) failedSteps++;
  return ok;
}

// `.ci/run` runs `npm test` twice on one tree (PGlite, then PostgreSQL). The second run is told so
// (PROVISIO_CHECKED=1) and leaves out what the first one did on the same files: lint, the type check
// and the production build, which does not depend on the database.
const checked = process.env.PROVISIO_CHECKED === "1" && existsSync(join(process.cwd(), ".next", "standalone", "server.js")) && existsSync(join(process.cwd(), "dist", "worker.mjs"));
if (checked) console.log("\n=== lint, type check and production build: done by the first run on this tree");
else await together([["lint", bin("eslint"), ["--max-warnings", "0", "."]], ["type check", bin("tsc"), ["--noEmit"]]]);
// One production build per run (standalone web + dist/): the production test and Playwright both use it.
const built = checked || step("production build", bin("tsx"), ["scripts/build-prod.ts"]);
const reuse: Record<string, string> = built ? { PROVISIO_BUILD_READY: "1", E2E_SKIP_BUILD: "1" } : {};
const vitestJson = join(out, "vitest.json");
// The unit and module tests use no database (the modules talk to their simulators over HTTP): the
// second run on the same tree runs the ones that do.
step("vitest", bin("vitest"), ["run", ...(checked ? ["tests/integration"] : [])], { VITEST_JSON: vitestJson, ...reuse });
const playwrightJson = join(out, "playwright.json");
// The browser stories read the same pages on either database: the second run on the same tree
// (PostgreSQL, after a green first run) leaves them to the first, as it does lint and the build.
if (checked) console.log("\n=== playwright: done by the first run on this tree");
else step("playwright", bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson, ...reuse });

let passed = 0;
let failed = 0;
if (existsSync(vitestJson)) {
  const r = JSON.parse(readFileSync(vitestJson, "utf8")) as { numPassedTests: number; numFailedTests: number };
  passed += r.numPassedTests;
  failed += r.numFailedTests;
}
if (existsSync(playwrightJson)) {
  const r = JSON.parse(readFileSync(playwrightJson, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  passed += r.stats.expected + r.stats.flaky;
  failed += r.stats.unexpected;
}
if (failedSteps > 0 && failed === 0) failed = failedSteps;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedSteps > 0 ? 1 : 0);
