import { getDatabase } from "@/lib/db";
import { healthAnswer, mayReadHealthDetails } from "@/lib/health/access";
import { processingView } from "@/lib/health/processing";
import { probeFailure, withTimeout } from "@/lib/health/probe";

export const dynamic = "force-dynamic";

/**
 * For monitors: 200 while operations are being taken, 503 when due work waits with no live runner
 * or too long. The view (runners, queue depth) only with METRICS_TOKEN or an admin session.
 */
export async function GET(request: Request) {
  const details = await mayReadHealthDetails(request);
  try {
    const view = await withTimeout(getDatabase().then((d) => processingView(d.db)));
    return healthAnswer({ ok: !view.stalled, ...view }, view.stalled ? 503 : 200, details);
  } catch (error) {
    return healthAnswer({ ok: false, error: probeFailure(error) }, 503, details);
  }
}
