import { createServer, type Server } from "node:http";
import type { Database } from "../db";
import { ConfigError } from "../env";
import { logger } from "../log";
import { metricsAccess, scrapeMetrics } from "./scrape";

/**
 * A worker's own /metrics on METRICS_PORT (a worker has no web server): its attempt counters and
 * histograms, and the database gauges, behind the same METRICS_TOKEN. Scrape every worker and the
 * web; sum the per-process series in Prometheus, and read the database gauges from any one of them.
 */
export async function serveWorkerMetrics(database: Database, env: NodeJS.ProcessEnv = process.env): Promise<Server | null> {
  const port = Number(env.METRICS_PORT ?? 0);
  if (!port) return null;
  const host = env.METRICS_HOST ?? "127.0.0.1";
  const server = createServer((req, res) => {
    const access = req.url?.split("?")[0] === "/metrics" ? metricsAccess(req.headers.authorization ?? null, env) : "disabled";
    if (access !== "ok") {
      res.writeHead(access === "denied" ? 401 : 404).end();
      return;
    }
    scrapeMetrics(database.db).then(
      ({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body),
      (error: unknown) => {
        logger().warn({ error: error instanceof Error ? error.message : String(error) }, "metrics scrape failed");
        res.writeHead(503).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, host, port)));
    server.listen(port, host, () => resolve());
  });
  logger().info({ port }, "worker metrics on /metrics");
  server.unref();
  return server;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === "EADDRINUSE") {
    return new ConfigError(
      "METRICS_PORT",
      `port ${port} on ${host} is in use (another worker on this host?): give each worker its own port, e.g. Environment=METRICS_PORT=946%i in the provisio-worker@ unit`,
    );
  }
  if (error.code === "EACCES" || error.code === "EADDRNOTAVAIL") return new ConfigError("METRICS_PORT", `cannot listen on ${host}:${port} (${error.code})`);
  return error;
}
