import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configProblems, poolSize, type ProcessRole } from "@/lib/config/check";
import { loadEnvFiles } from "@/lib/config/load-env";

const key = Buffer.alloc(32, 3).toString("base64");
const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://provisio@db.internal:5432/provisio",
  APP_ENCRYPTION_KEY: key,
  AUTH_SECRET: "a".repeat(40),
  RESEND_API_KEY: "re_live_key",
  EMAIL_FROM: "Billing <billing@example.com>",
  APP_URL: "https://billing.example.com",
  INVOICE_SELLER_NAME: "Example Hosting Ltd",
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
    ["APP_URL", "web"],
    ["APP_URL", "worker"],
    ["INVOICE_SELLER_NAME", "web"],
    ["INVOICE_SELLER_NAME", "worker"],
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
    ["DATABASE_POOL_MAX", "0"],
    ["DATABASE_POOL_MAX", "ten"],
    ["DATABASE_POOL_MAX", "5000"],
    ["METRICS_PORT", "99999"],
    ["METRICS_PORT", "metrics"],
    ["STRIPE_API_URL", "api.stripe.com"],
  ])("a wrong %s is named", (variable, value) => {
    expect(names("worker", { ...production, [variable]: value })).toContain(variable);
  });

  it.each([
    "billing.example.com",
    "ftp://billing.example.com",
    "javascript:alert(1)",
    "https://billing.example.com/app",
    "https://billing.example.com/?a=1",
    "https://billing.example.com#top",
    "https://user:pass@billing.example.com",
    "https:/billing.example.com",
    "//billing.example.com",
  ])("APP_URL %j is not the site's bare public address, in production or not", (value) => {
    expect(names("web", { ...production, APP_URL: value })).toEqual(["APP_URL"]);
    expect(names("web", { NODE_ENV: "development", APP_URL: value })).toEqual(["APP_URL"]);
  });

  it("APP_URL may end in a slash or carry a port; outside production it stays optional", () => {
    for (const value of ["https://billing.example.com/", "http://127.0.0.1:3000", " https://billing.example.com "]) {
      expect(names("web", { ...production, APP_URL: value })).toEqual([]);
    }
    expect(names("cli", { ...production, APP_URL: undefined })).toEqual([]);
    expect(names("web", { NODE_ENV: "development" })).toEqual([]);
  });

  it.each(["billing", "billing@", "Billing <billing@example.com", "<billing@example.com>", "a@b@example.com", "Billing billing@example.com", "billing@example"])(
    "EMAIL_FROM %j is not an address, in production or not",
    (value) => {
      expect(names("worker", { ...production, EMAIL_FROM: value })).toEqual(["EMAIL_FROM"]);
      expect(names("worker", { NODE_ENV: "development", EMAIL_FROM: value })).toEqual(["EMAIL_FROM"]);
    },
  );

  it("EMAIL_FROM may be a bare address or Name <address>; the pool size is read from DATABASE_POOL_MAX, 20 when unset", () => {
    for (const value of ["billing@example.com", "Example Hosting <billing@example.com>", " \"Example, Ltd\" <billing@mail.example.co.uk> "]) {
      expect(names("worker", { ...production, EMAIL_FROM: value })).toEqual([]);
    }
    expect(poolSize({ DATABASE_POOL_MAX: "8" })).toBe(8);
    expect(poolSize({})).toBe(20);
    expect(names("worker", { ...production, DATABASE_POOL_MAX: "8", METRICS_PORT: "9464" })).toEqual([]);
  });

  it("in production a web with STRIPE_SECRET_KEY needs STRIPE_WEBHOOK_SECRET, or no card payment would ever be confirmed", () => {
    expect(names("web", { ...production, STRIPE_SECRET_KEY: "sk_live_x" })).toEqual(["STRIPE_WEBHOOK_SECRET"]);
    expect(names("web", { ...production, STRIPE_SECRET_KEY: "sk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toEqual([]);
    expect(names("worker", { ...production, STRIPE_SECRET_KEY: "sk_live_x" })).toEqual([]);
  });

  it("the invoice seller is only optional outside production, where invoices say Provisio Hosting", () => {
    expect(names("cli", { ...production, INVOICE_SELLER_NAME: undefined })).toEqual([]);
    expect(names("web", { NODE_ENV: "development" })).toEqual([]);
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

describe(".env files", () => {
  it("are read as `next start` reads them: .env.production.local before .env.production before .env, the environment first", () => {
    const dir = mkdtempSync(join(tmpdir(), "provisio-dotenv-"));
    const saved = { ...process.env };
    try {
      writeFileSync(join(dir, ".env"), "PV_A=env\nPV_B=env\nPV_C=env\nPV_D=env\n");
      writeFileSync(join(dir, ".env.production"), "PV_A=production\nPV_B=production\nPV_C=production\n");
      writeFileSync(join(dir, ".env.production.local"), "PV_A=production-local\n");
      writeFileSync(join(dir, ".env.development"), "PV_B=development\n");
      Object.assign(process.env, { NODE_ENV: "production", PV_C: "real" });
      expect(loadEnvFiles(dir)).toEqual([join(dir, ".env.production.local"), join(dir, ".env.production"), join(dir, ".env")]);
      expect([process.env.PV_A, process.env.PV_B, process.env.PV_C, process.env.PV_D]).toEqual(["production-local", "production", "real", "env"]);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
