import { describe, expect, it } from "vitest";
import { Writable } from "node:stream";
import { createLogger } from "@/lib/log";
import { consoleToLogger } from "@/lib/log-console";

describe("the web's console in production", () => {
  it("writes one JSON line per event, an error's message without its SQL parameters and without a multi-line dump", () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).split("\n").filter(Boolean)), done()) });
    const saved = { ...console };
    try {
      consoleToLogger(createLogger({ destination, level: "info", env: { NODE_ENV: "production" } as NodeJS.ProcessEnv }));
      console.log("web migrations: up to date (12 applied)");
      const query = Object.assign(new Error("Failed query: select * from clients where email = $1\nparams: alice@example.com"), {
        cause: Object.assign(new Error('relation "clients" does not exist'), { code: "42P01" }),
      });
      console.error(query);
      console.warn("Failed query: update x set y = $1\nparams: hunter2-secret");
    } finally {
      Object.assign(console, saved);
    }
    expect(lines).toHaveLength(3);
    const [info, error, warn] = lines.map((l) => JSON.parse(l));
    expect(info).toMatchObject({ level: "info", msg: "web migrations: up to date (12 applied)" });
    expect(error).toMatchObject({ level: "error", err: { code: "42P01", message: 'relation "clients" does not exist' } });
    expect(warn).toMatchObject({ level: "warn" });
    expect(lines.join("\n")).not.toMatch(/alice@example\.com|hunter2-secret/);
  });
});
