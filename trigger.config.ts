import { defineConfig } from "@trigger.dev/sdk";

export default defineConfig({
  project: process.env.TRIGGER_PROJECT_REF ?? "proj_provisio",
  dirs: ["./jobs"],
  maxDuration: 300,
  retries: { enabledInDev: false, default: { maxAttempts: 1 } },
});
