import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

/** A process with surviveConnectionLoss() installed, rejecting a promise nobody holds with `reason`. */
function rejectInto(reason: string) {
  const code = `import { surviveConnectionLoss } from "./lib/db/connection-loss.ts";
    surviveConnectionLoss();
    Promise.reject(${reason});
    setTimeout(() => console.log("alive"), 200);`;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], { cwd: root, encoding: "utf8" });
}

describe("a connection lost under a statement nobody waits for", () => {
  it("does not end the process (postgres.js rejects it when a backend is terminated while a worker boots)", () => {
    const run = rejectInto(`Object.assign(new Error("write CONNECTION_CLOSED 127.0.0.1:5432"), { code: "CONNECTION_CLOSED" })`);
    expect(run.stdout).toContain("alive");
    expect(run.stderr).toContain("a database connection closed under a statement nobody waited for (CONNECTION_CLOSED)");
    expect(run.status).toBe(0);
  });

  it("any other rejection nobody holds still ends the process", () => {
    const run = rejectInto(`new TypeError("not a connection")`);
    expect(run.stdout).not.toContain("alive");
    expect(run.stderr).toContain("not a connection");
    expect(run.status).not.toBe(0);
  });
});
