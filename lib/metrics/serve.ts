import { createServer, type Server } from "node:http";
import type { Database } from "../db";
import { logger } from "../log";
import { metricsAccess, scrapeMetrics } from "./scrape";

/**
 * A worker's own /metrics on METRICS_PORT (a worker has no web server): its attempt counters and
 * histograms, and the database gauges, behind the same METRICS_TOKEN. Scrape every worker and the
 * web; sum the per-process series in Prometheus, and read the database gauges from any one of them.
 */
export function serveWorkerMetrics(database: Database, env: NodeJS.ProcessEnv = process.env): Server | null {
  const port = Number(env.METRICS_PORT ?? 0);
  if (!port) return null;
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
  server.listen(port, env.METRICS_HOST ?? "127.0.0.1", () => logger().info({ port }, "worker metrics on /metrics"));
  server.unref();
  return server;
}
