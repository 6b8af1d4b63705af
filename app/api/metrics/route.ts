import { getDatabase } from "@/lib/db";
import { metricsAccess, scrapeMetrics } from "@/lib/metrics/scrape";

export const dynamic = "force-dynamic";

/** Prometheus metrics, for a scraper holding METRICS_TOKEN; 404 when no token is configured. */
export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access === "disabled") return new Response("Not found", { status: 404 });
  if (access === "denied") return new Response("Unauthorized", { status: 401, headers: { "www-authenticate": 'Bearer realm="metrics"' } });
  const { db } = await getDatabase();
  const { contentType, body } = await scrapeMetrics(db);
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
}
