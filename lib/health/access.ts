import { metricsAccess } from "../metrics/scrape";

const noStore = { "cache-control": "no-store" };

/** Whether the request carries an Auth.js session cookie at all (no cookie: no session to read). */
const hasSessionCookie = (request: Request) => /(?:^|;\s*)(?:__Secure-)?authjs\.session-token(?:\.\d+)?=/.test(request.headers.get("cookie") ?? "");

/** An admin's session on this request; false outside a request or without a session. */
async function adminSignedIn(): Promise<boolean> {
  try {
    const { sessionActor } = await import("../auth/actor");
    const actor = await sessionActor();
    return actor.type === "user" && actor.role === "admin";
  } catch {
    return false;
  }
}

/**
 * Who may read the health details (host problems, runner ids and pids, queue depth): a scraper
 * holding METRICS_TOKEN (`Authorization: Bearer …`) or a signed-in admin. Everyone else gets ok / not ok.
 */
export async function mayReadHealthDetails(request: Request, admin: () => Promise<boolean> = adminSignedIn): Promise<boolean> {
  if (metricsAccess(request.headers.get("authorization")) === "ok") return true;
  return hasSessionCookie(request) && (await admin());
}

/** A health answer: the whole body for those who may read details, else only `{ ok }`, with the same status. */
export function healthAnswer(body: { ok: boolean } & Record<string, unknown>, status: number, details: boolean): Response {
  return Response.json(details ? body : { ok: body.ok }, { status, headers: noStore });
}
