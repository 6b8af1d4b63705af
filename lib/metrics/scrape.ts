import { timingSafeEqual } from "node:crypto";
import { Registry } from "prom-client";
import type { Conn } from "../db";
import { databaseMetrics } from "./database";
import { processMetrics } from "./process";

/** The text a Prometheus scrape gets: this process's metrics and the database's gauges. */
export async function scrapeMetrics(conn: Conn, now = new Date()): Promise<{ contentType: string; body: string }> {
  const own = processMetrics().registry;
  const merged = Registry.merge([own, await databaseMetrics(conn, now)]);
  return { contentType: own.contentType, body: await merged.metrics() };
}

/**
 * Whether a request may read the metrics: METRICS_TOKEN must be set (else the endpoint does not
 * exist) and sent as `Authorization: Bearer <token>`.
 */
export function metricsAccess(authorization: string | null, env: NodeJS.ProcessEnv = process.env): "ok" | "disabled" | "denied" {
  const token = env.METRICS_TOKEN;
  if (!token) return "disabled";
  const sent = /^Bearer (.+)$/i.exec(authorization ?? "")?.[1]?.trim() ?? "";
  const a = Buffer.from(sent);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b) ? "ok" : "denied";
}
