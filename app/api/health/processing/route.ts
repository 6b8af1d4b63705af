import { getDatabase } from "@/lib/db";
import { processingView } from "@/lib/health/processing";
import { probeFailure, withTimeout } from "@/lib/health/probe";

export const dynamic = "force-dynamic";

/** For monitors: 200 while operations are being taken, 503 when due work waits with no live runner or too long. */
export async function GET() {
  try {
    const view = await withTimeout(getDatabase().then((d) => processingView(d.db)));
    return Response.json({ ok: !view.stalled, ...view }, { status: view.stalled ? 503 : 200, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return Response.json({ ok: false, error: probeFailure(error) }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}
