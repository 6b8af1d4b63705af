/**
 * Starts the embedded processing runner inside the Next.js server (the default mode). It stays off
 * when Trigger.dev runs the jobs (TRIGGER_SECRET_KEY) or when PROVISIO_RUNNER=off (separate workers).
 * A database that cannot be reached yet is tried again every 10 seconds.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.TRIGGER_SECRET_KEY || process.env.PROVISIO_RUNNER === "off") return;
  const { getDatabase } = await import("./lib/db");
  const { startRunner } = await import("./lib/processing/runner");
  const holder = globalThis as { provisioRunner?: Promise<unknown> };
  const start = () => {
    holder.provisioRunner ??= getDatabase()
      .then((database) => startRunner(database))
      .catch((error: unknown) => {
        delete holder.provisioRunner;
        console.error("embedded runner waits for the database:", error instanceof Error ? error.message : error);
        setTimeout(start, 10_000).unref();
      });
  };
  start();
}
