import { cpSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BuildExtension } from "@trigger.dev/core/v3/build";

/**
 * A Trigger.dev build extension: copies drizzle/ into the deployed build, next to the bundled
 * tasks, where the migration code finds it from its own location (whatever the working directory).
 */
export function shipMigrations(source = "drizzle"): BuildExtension {
  return {
    name: "provisio-migrations",
    onBuildComplete(context, manifest) {
      const from = resolve(context.workingDir, source);
      cpSync(from, join(manifest.outputPath, "drizzle"), { recursive: true });
      context.logger.log(`copied the migrations from ${from}`);
    },
  };
}
