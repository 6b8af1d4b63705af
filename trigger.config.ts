import { defineConfig } from "@trigger.dev/sdk";
import { shipMigrations } from "./lib/jobs/ship-migrations";

/**
 * Trigger.dev: the six tasks in jobs/ (provision-operation, sweep-operations, sync-services,
 * deliver-outbox, deliver-webhooks, renewals). The deployed build carries drizzle/; the tasks'
 * environment needs DATABASE_URL and APP_ENCRYPTION_KEY (see "Production" in README.md).
 */
export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? "proj_provisio",
  dirs: ["./jobs"],
  maxDuration: 300,
  retries: { enabledInDev: false, default: { maxAttempts: 1 } },
  build: { extensions: [shipMigrations()] },
});
