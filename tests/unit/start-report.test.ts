import { describe, expect, it } from "vitest";
import { buildWithProgress, elapsed, simulatorLines } from "@/lib/demo/start-report";

describe("npm start's report", () => {
  it("names each simulator with the address it really listens on", () => {
    const lines = simulatorLines(["ispmanager", "epp"], [{ url: "http://127.0.0.1:10101" }, { url: "http://127.0.0.1:10106" }]);
    expect(lines).toEqual(["  ISPmanager       http://127.0.0.1:10101", "  EPP registry     http://127.0.0.1:10106"]);
  });

  it("writes build time in seconds, then minutes", () => {
    expect(elapsed(45_400)).toBe("45 s");
    expect(elapsed(125_000)).toBe("2 min 05 s");
  });

  it("says it is still building while the build is quiet, and how it ended", async () => {
    const said: string[] = [];
    const code = await buildWithProgress(process.execPath, ["-e", "setTimeout(() => process.exit(0), 700)"], { env: process.env, quietMs: 200, print: (l) => said.push(l) });
    expect(code).toBe(0);
    expect(said.some((l) => /still building, \d+ s so far/.test(l))).toBe(true);
    expect(said.at(-1)).toMatch(/^Built in \d+ s\.$/);
    const failed = await buildWithProgress(process.execPath, ["-e", "process.exit(3)"], { env: process.env, print: (l) => said.push(l) });
    expect(failed).toBe(3);
    expect(said.at(-1)).toMatch(/^The build failed after/);
  });
});
