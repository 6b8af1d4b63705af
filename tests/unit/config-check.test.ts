import { describe, expect, it } from "vitest";
import { configProblems, type ProcessRole } from "@/lib/config/check";

const key = Buffer.alloc(32, 3).toString("base64");
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://provisio@db.internal:5432/provisio",
  APP_ENCRYPTION_KEY: key,
  AUTH_SECRET: "a".repeat(40),
  RESEND_API_KEY: "re_live_key",
  EMAIL_FROM: "Billing <billing@example.com>",
};
const names = (role: ProcessRole, env: Record<string, string | undefined>) => configProblems(role, env as NodeJS.ProcessEnv).map((p) => p.variable);

describe("start-up configuration check", () => {
  it("accepts a complete production configuration for the web, a worker, a task and a CLI", () => {
    for (const role of ["web", "worker", "task", "cli"] as const) expect(names(role, production)).toEqual([]);
  });

  it.each([
    ["AUTH_SECRET", "web"],
    ["APP_ENCRYPTION_KEY", "web"],
    ["APP_ENCRYPTION_KEY", "worker"],
    ["DATABASE_URL", "web"],
    ["DATABASE_URL", "worker"],
    ["RESEND_API_KEY", "worker"],
    ["RESEND_API_KEY", "web"],
    ["EMAIL_FROM", "worker"],
  ] as const)("a production %s missing stops the %s, naming it", (variable, role) => {
    expect(names(role, { ...production, [variable]: undefined })).toEqual([variable]);
  });

  it.each([
    ["APP_ENCRYPTION_KEY", Buffer.alloc(16, 1).toString("base64")],
    ["AUTH_SECRET", "short"],
    ["DATABASE_URL", "mysql://db/provisio"],
    ["NODE_ENV", "prod"],
    ["PROCESSING_CONCURRENCY", "lots"],
    ["PROCESSING_LEASE_MS", "-5"],
  ])("a wrong %s is named", (variable, value) => {
    expect(names("worker", { ...production, [variable]: value })).toContain(variable);
  });

  it("a worker must be told NODE_ENV, so it never generates keys of its own next to a production web", () => {
    const { NODE_ENV: _omit, ...rest } = production;
    expect(names("worker", rest)).toEqual(["NODE_ENV"]);
    expect(names("web", rest)).toEqual([]);
  });

  it("Trigger.dev tasks need DATABASE_URL and APP_ENCRYPTION_KEY in every environment (no silent PGlite)", () => {
    expect(names("task", { NODE_ENV: "development" })).toEqual(["DATABASE_URL", "APP_ENCRYPTION_KEY"]);
  });

  it("the demo and development run on PGlite with generated keys and the local mailbox", () => {
    expect(names("web", { NODE_ENV: "production", PROVISIO_DEMO: "1" })).toEqual([]);
    expect(names("worker", { NODE_ENV: "development" })).toEqual([]);
    expect(names("web", {})).toEqual([]);
  });
});
