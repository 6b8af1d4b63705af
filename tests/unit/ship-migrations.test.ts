import { describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shipMigrations } from "@/lib/jobs/ship-migrations";
import config from "@/trigger.config";

describe("the Trigger.dev build ships the migrations", () => {
  it("copies drizzle/ into the build output, and trigger.config uses the extension", async () => {
    const root = join(import.meta.dirname, "../..");
    const out = mkdtempSync(join(tmpdir(), "provisio-trigger-build-"));
    try {
      const logged: string[] = [];
      await shipMigrations().onBuildComplete!({ workingDir: root, logger: { log: (m: string) => logged.push(m) } } as never, { outputPath: out } as never);
      expect(existsSync(join(out, "drizzle", "meta", "_journal.json"))).toBe(true);
      expect(readdirSync(join(out, "drizzle")).filter((f) => f.endsWith(".sql"))).toEqual(readdirSync(join(root, "drizzle")).filter((f) => f.endsWith(".sql")));
      expect(logged).toHaveLength(1);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
    expect(config.build?.extensions?.map((e) => e.name)).toContain("provisio-migrations");
  });
});
